package dev.fnbridge.http;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse.BodyHandlers;

import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Callers choose compositions, so the metrics series they create are bounded: past
 * {@code fnbridge.http.max-tagged-compositions} a composition is counted under one tag.
 */
@SpringBootTest(classes = TestFunctionsApplication.class, webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = "fnbridge.http.max-tagged-compositions=1")
class BoundedMetricTagsTests {

	private final HttpClient http = HttpClient.newHttpClient();

	@LocalServerPort
	private int port;

	@Autowired
	private MeterRegistry meters;

	@Test
	void countsCompositionsPastTheBoundUnderOneTag() throws Exception {
		post("/describe,shout");
		post("/reject,shout");
		post("/describe,shout");

		assertThat(functionTags("fnbridge.function.invocations")).contains("describe|shout", "other-compositions")
			.doesNotContain("reject|shout", "reject,shout");
		assertThat(functionTags("http.server.requests")).contains("describe,shout", "other-compositions")
			.doesNotContain("reject|shout", "reject,shout");
	}

	@Test
	void keepsTheTagOfEverySingleFunction() throws Exception {
		post("/describe");

		assertThat(functionTags("fnbridge.function.invocations")).contains("describe");
	}

	private java.util.Set<String> functionTags(String meter) {
		java.util.Set<String> tags = new java.util.TreeSet<>();
		this.meters.find(meter).meters().forEach((m) -> tags.add(m.getId().getTag("function")));
		return tags;
	}

	private void post(String path) throws Exception {
		this.http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + this.port + path))
			.header("Content-Type", "application/json")
			.POST(BodyPublishers.ofString("{\"name\":\"Ada\",\"age\":1}"))
			.build(), BodyHandlers.ofString());
	}

}

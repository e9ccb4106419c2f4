package dev.fnbridge.benchmark;

import dev.fnbridge.app.hello.Greeter;
import dev.fnbridge.app.hello.HelloRequest;
import tools.jackson.databind.ObjectMapper;

import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * What a developer would write by hand for {@code hello}: parse the JSON body, greet,
 * answer the greeting as a JSON string. Same bytes in, same bytes out as
 * {@code POST /hello} and {@code GET /hello/{name}}.
 */
@RestController
class BaselineController {

	private final Greeter greeter = new Greeter();

	private final ObjectMapper mapper;

	BaselineController(ObjectMapper mapper) {
		this.mapper = mapper;
	}

	@PostMapping("/mvc/hello")
	ResponseEntity<String> post(@RequestBody HelloRequest request) {
		return json(this.greeter.apply(request));
	}

	@GetMapping("/mvc/hello/{name}")
	ResponseEntity<String> get(@PathVariable String name) {
		return json(this.greeter.apply(new HelloRequest(name)));
	}

	private ResponseEntity<String> json(String greeting) {
		return ResponseEntity.ok()
			.contentType(MediaType.APPLICATION_JSON)
			.body(this.mapper.writeValueAsString(greeting));
	}

}

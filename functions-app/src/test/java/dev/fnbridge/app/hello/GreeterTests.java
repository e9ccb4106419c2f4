package dev.fnbridge.app.hello;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class GreeterTests {

	private final Greeter greeter = new Greeter();

	@Test
	void greetsByName() {
		assertThat(this.greeter.apply(new HelloRequest("Ada"))).isEqualTo("Hello, Ada!");
	}

	@Test
	void greetsTheWorldWhenTheNameIsMissingOrBlank() {
		assertThat(this.greeter.apply(new HelloRequest(null))).isEqualTo("Hello, World!");
		assertThat(this.greeter.apply(new HelloRequest(" \t"))).isEqualTo("Hello, World!");
		assertThat(this.greeter.apply(null)).isEqualTo("Hello, World!");
	}

	@Test
	void trimsSurroundingWhiteSpace() {
		assertThat(this.greeter.apply(new HelloRequest("  Grace "))).isEqualTo("Hello, Grace!");
	}

}

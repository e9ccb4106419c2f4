package ${package}.hello;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class GreeterTests {

	private final Greeter greeter = new Greeter();

	@Test
	void greetsByName() {
		assertThat(this.greeter.apply(new HelloRequest(" Ada "))).isEqualTo("Hello, Ada!");
	}

	@Test
	void greetsTheWorldWithoutAName() {
		assertThat(this.greeter.apply(new HelloRequest(null))).isEqualTo("Hello, World!");
	}

}

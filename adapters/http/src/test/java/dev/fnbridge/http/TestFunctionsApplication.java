package dev.fnbridge.http;

import java.util.List;
import java.util.Locale;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Supplier;

import dev.fnbridge.core.error.ErrorCategory;
import dev.fnbridge.core.error.ErrorMapper;
import dev.fnbridge.core.error.InvalidInputException;
import dev.fnbridge.core.error.TransientFailureException;

import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.annotation.Bean;

/**
 * Functions of every shape and failure mode, to exercise the adapter without the real
 * application.
 */
@SpringBootApplication
class TestFunctionsApplication {

	static final List<Person> recorded = new CopyOnWriteArrayList<>();

	@Bean
	Function<Person, String> describe() {
		return (person) -> person.name() + " is " + person.age();
	}

	@Bean
	Function<String, String> shout() {
		return (text) -> text.toUpperCase(Locale.ROOT);
	}

	@Bean
	Function<Greeting, String> greet() {
		return (greeting) -> "Hi " + greeting.name();
	}

	@Bean
	Function<Integer, Integer> twice() {
		return (number) -> number * 2;
	}

	@Bean
	Function<Person, String> reject() {
		return (person) -> {
			throw new InvalidInputException("age", "must be positive");
		};
	}

	@Bean
	Function<Person, String> boom() {
		return (person) -> {
			throw new IllegalStateException("db password=hunter2");
		};
	}

	@Bean
	Function<Person, String> busy() {
		return (person) -> {
			throw new TransientFailureException("downstream busy", null);
		};
	}

	@Bean
	Function<Person, String> reserve() {
		return (person) -> {
			throw new OutOfStockException(person.name() + " is out of stock");
		};
	}

	/** A user's own exception, mapped once for every transport. */
	@Bean
	ErrorMapper outOfStock() {
		return ErrorMapper.of(OutOfStockException.class, ErrorCategory.INVALID_INPUT);
	}

	@Bean
	Function<Person, String> nothing() {
		return (person) -> null;
	}

	@Bean
	Consumer<Person> record() {
		return recorded::add;
	}

	@Bean
	Supplier<String> motto() {
		return () -> "keep it small";
	}

	record Person(String name, int age) {
	}

	static class OutOfStockException extends RuntimeException {

		OutOfStockException(String message) {
			super(message);
		}

	}

	record Greeting(String name) {
	}

}

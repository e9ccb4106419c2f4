package dev.fnbridge.core.json;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZonedDateTime;
import java.util.Set;

import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.databind.BeanDescription;
import tools.jackson.databind.DeserializationConfig;
import tools.jackson.databind.DeserializationContext;
import tools.jackson.databind.ValueDeserializer;
import tools.jackson.databind.deser.ValueDeserializerModifier;
import tools.jackson.databind.deser.std.DelegatingDeserializer;
import tools.jackson.databind.module.SimpleModule;

/**
 * Numbers that do not fit are invalid input, not silently changed: a JSON number read as
 * a floating-point field must be finite ({@code 1e400} would become infinity), and one
 * read as a timestamp must lie within {@link Instant}'s range ({@code 1e300} seconds
 * would wrap to 1970).
 */
final class StrictNumbers extends ValueDeserializerModifier {

	private static final Set<Class<?>> FLOATING = Set.of(Double.class, double.class, Float.class, float.class);

	private static final Set<Class<?>> TIMESTAMPS = Set.of(Instant.class, OffsetDateTime.class, ZonedDateTime.class);

	/** Epoch seconds of {@link Instant#MAX}. */
	private static final double MAX_EPOCH_SECONDS = Instant.MAX.getEpochSecond();

	static SimpleModule module() {
		SimpleModule module = new SimpleModule("fnbridge-strict-numbers");
		module.setDeserializerModifier(new StrictNumbers());
		return module;
	}

	@Override
	public ValueDeserializer<?> modifyDeserializer(DeserializationConfig config, BeanDescription.Supplier description,
			ValueDeserializer<?> deserializer) {
		Class<?> type = description.getBeanClass();
		if (FLOATING.contains(type)) {
			return new Checked(deserializer, Double.MAX_VALUE);
		}
		if (TIMESTAMPS.contains(type)) {
			return new Checked(deserializer, MAX_EPOCH_SECONDS);
		}
		return deserializer;
	}

	/** Checks the magnitude of a numeric token, then reads it as the delegate does. */
	private static final class Checked extends DelegatingDeserializer {

		private final double limit;

		Checked(ValueDeserializer<?> delegate, double limit) {
			super(delegate);
			this.limit = limit;
		}

		@Override
		protected ValueDeserializer<?> newDelegatingInstance(ValueDeserializer<?> delegate) {
			return new Checked(delegate, this.limit);
		}

		@Override
		public Object deserialize(JsonParser parser, DeserializationContext context) {
			JsonToken token = parser.currentToken();
			if (token == JsonToken.VALUE_NUMBER_FLOAT || token == JsonToken.VALUE_NUMBER_INT) {
				double value = parser.getDoubleValue();
				if (!Double.isFinite(value) || Math.abs(value) > this.limit) {
					return context.handleWeirdNumberValue(handledType(), parser.getNumberValue(), "out of range");
				}
			}
			return super.deserialize(parser, context);
		}

	}

}

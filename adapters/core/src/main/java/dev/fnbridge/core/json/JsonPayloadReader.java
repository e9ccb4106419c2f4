package dev.fnbridge.core.json;

import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.time.temporal.Temporal;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

import dev.fnbridge.core.error.ErrorClassifier;
import dev.fnbridge.core.error.InvalidInputException;
import dev.fnbridge.core.error.Violation;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.Validator;
import tools.jackson.core.JacksonException;
import tools.jackson.core.TokenStreamLocation;
import tools.jackson.core.exc.StreamReadException;
import tools.jackson.databind.JavaType;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.cfg.CoercionAction;
import tools.jackson.databind.cfg.CoercionInputShape;
import tools.jackson.databind.cfg.MapperBuilder;
import tools.jackson.databind.exc.InvalidDefinitionException;
import tools.jackson.databind.exc.InvalidFormatException;
import tools.jackson.databind.exc.MismatchedInputException;
import tools.jackson.databind.exc.UnrecognizedPropertyException;
import tools.jackson.databind.exc.ValueInstantiationException;
import tools.jackson.databind.type.LogicalType;

/**
 * Reads transport input (an HTTP body, a Kafka record value, a Lambda event body) into a
 * function's payload type, turning every Jackson failure into an
 * {@link InvalidInputException} whose message names the field and the expected kind of
 * value, but never a Java class name. Every transport uses it, so the same bad input gets
 * the same message everywhere.
 * <p>
 * With a Bean Validation {@link Validator}, every payload it reads is also checked
 * against the constraints of its type ({@code @NotBlank}, {@code @Positive},
 * {@code @Size}, and {@code @Valid} on nested records and list elements), and of each
 * element of a list or array payload, before any function sees it: a violation is an
 * {@link InvalidInputException} with one {@link Violation} per field, at most
 * {@value #MAX_VIOLATIONS} of them.
 */
public class JsonPayloadReader {

	/** The most violations one error reports; the rest are counted in one more entry. */
	public static final int MAX_VIOLATIONS = InvalidInputException.MAX_VIOLATIONS;

	private final ObjectMapper mapper;

	private final Validator validator;

	private final Map<Class<?>, Boolean> constrained = new ConcurrentHashMap<>();

	private final Map<Type, JavaType> javaTypes = new ConcurrentHashMap<>();

	private final Map<Type, Function<String, Object>> argumentBinders = new ConcurrentHashMap<>();

	/**
	 * Creates a reader that does not check constraints.
	 * @param mapper the application's JSON mapper
	 */
	public JsonPayloadReader(ObjectMapper mapper) {
		this(mapper, null);
	}

	/**
	 * Creates a reader that does not turn JSON numbers and booleans into text.
	 * @param mapper the application's JSON mapper
	 * @param validator checks every payload read, or {@code null} for none
	 */
	public JsonPayloadReader(ObjectMapper mapper, Validator validator) {
		this(mapper, validator, false);
	}

	/**
	 * Creates a reader. It reads with a copy of the application's mapper that refuses
	 * numbers out of range (a non-finite floating-point value, a timestamp beyond
	 * {@link java.time.Instant}'s range) and, unless allowed, a JSON number or boolean
	 * where the payload has a text field ({@code {"name": 42}}).
	 * @param mapper the application's JSON mapper
	 * @param validator checks every payload read, or {@code null} for none
	 * @param coerceScalarsToText whether a number or boolean may be read into a text
	 * field
	 */
	public JsonPayloadReader(ObjectMapper mapper, Validator validator, boolean coerceScalarsToText) {
		MapperBuilder<?, ?> strict = mapper.rebuild().addModule(StrictNumbers.module());
		if (!coerceScalarsToText) {
			strict = strict.withCoercionConfig(LogicalType.Textual,
					(coercion) -> coercion.setCoercion(CoercionInputShape.Integer, CoercionAction.Fail)
						.setCoercion(CoercionInputShape.Float, CoercionAction.Fail)
						.setCoercion(CoercionInputShape.Boolean, CoercionAction.Fail));
		}
		this.mapper = strict.build();
		this.validator = validator;
	}

	private JavaType javaType(Type type) {
		return this.javaTypes.computeIfAbsent(type, this.mapper::constructType);
	}

	/**
	 * Parses a JSON body.
	 * @param body the bytes, not empty
	 * @param type the payload type
	 * @return the typed payload, never {@code null}
	 * @throws InvalidInputException if the body is not JSON of the expected shape
	 */
	public Object readJson(byte[] body, Type type) {
		requireUtf8(body);
		JavaType javaType = javaType(type);
		Object value;
		try {
			value = this.mapper.readValue(body, javaType);
		}
		catch (JacksonException ex) {
			throw translate(ex, javaType.getRawClass(), "The input");
		}
		if (value == null) {
			throw new InvalidInputException("", "The input must be " + describe(javaType.getRawClass()) + ", not null");
		}
		return validate(value);
	}

	/**
	 * Checks a payload against its Bean Validation constraints (each element's, for a
	 * list or an array).
	 * @param value the payload
	 * @return {@code value}
	 * @throws InvalidInputException listing the violations, if any
	 */
	public Object validate(Object value) {
		if (this.validator == null || value == null) {
			return value;
		}
		List<Violation> violations = new ArrayList<>();
		int[] total = { 0 };
		if (value instanceof Collection<?> elements) {
			int index = 0;
			for (Object element : elements) {
				collect(element, "[" + index++ + "]", violations, total);
			}
		}
		else if (value instanceof Object[] elements) {
			for (int index = 0; index < elements.length; index++) {
				collect(elements[index], "[" + index + "]", violations, total);
			}
		}
		else {
			collect(value, "", violations, total);
		}
		if (violations.isEmpty()) {
			return value;
		}
		throw new InvalidInputException(violations, total[0]);
	}

	/**
	 * Adds the violations of one value, keeping at most {@link #MAX_VIOLATIONS} so an
	 * error's size is bounded whatever the input, and counts them all.
	 */
	private void collect(Object value, String prefix, List<Violation> violations, int[] total) {
		if (value == null || !isConstrained(value.getClass())) {
			return;
		}
		Set<ConstraintViolation<Object>> found = this.validator.validate(value);
		total[0] += found.size();
		for (Violation violation : ErrorClassifier.toViolations(found)) {
			if (violations.size() == MAX_VIOLATIONS) {
				return;
			}
			String field = prefix.isEmpty() ? violation.field()
					: violation.field().isEmpty() ? prefix : prefix + "." + violation.field();
			violations.add(new Violation(field, violation.message()));
		}
	}

	/** Whether a type has constraints at all, looked up once per type. */
	private boolean isConstrained(Class<?> type) {
		return this.constrained.computeIfAbsent(type, (candidate) -> !isScalar(candidate) && candidate != String.class
				&& this.validator.getConstraintsForClass(candidate).isBeanConstrained());
	}

	/**
	 * Reads a text body as it is, for functions that take a string.
	 * @param body the bytes
	 * @return the text, decoded as UTF-8
	 */
	public String readText(byte[] body) {
		requireUtf8(body);
		return new String(body, StandardCharsets.UTF_8);
	}

	/**
	 * Refuses bytes that are not strict UTF-8: a lenient decoder turns an overlong
	 * sequence such as {@code C0 AF} into {@code /}, past any filter that looked at the
	 * text.
	 * @param body the bytes
	 * @throws InvalidInputException if they are not valid UTF-8
	 */
	public static void requireUtf8(byte[] body) {
		int i = 0;
		while (i < body.length && body[i] >= 0) {
			i++;
		}
		if (i == body.length) {
			return;
		}
		try {
			StandardCharsets.UTF_8.newDecoder()
				.onMalformedInput(CodingErrorAction.REPORT)
				.onUnmappableCharacter(CodingErrorAction.REPORT)
				.decode(ByteBuffer.wrap(body, i, body.length - i));
		}
		catch (CharacterCodingException ex) {
			throw new InvalidInputException("", "The input is not valid UTF-8");
		}
	}

	/**
	 * Converts a path argument ({@code GET /fn/arg}) to the payload type: as it is for
	 * text, converted for scalars, and bound to the only component of a single-component
	 * record.
	 * @param argument the decoded path segment
	 * @param type the payload type
	 * @return the typed payload
	 * @throws InvalidInputException if the argument does not fit the type
	 */
	public Object readArgument(String argument, Type type) {
		return validate(this.argumentBinders.computeIfAbsent(type, this::argumentBinder).apply(argument));
	}

	/**
	 * Works out once per type how a path argument becomes a payload, so a request does no
	 * reflection.
	 */
	private Function<String, Object> argumentBinder(Type type) {
		JavaType javaType = javaType(type);
		Class<?> raw = javaType.getRawClass();
		if (raw == String.class || raw == CharSequence.class || raw == Object.class) {
			return (argument) -> argument;
		}
		if (raw.isRecord() && raw.getRecordComponents().length == 1) {
			RecordComponent only = raw.getRecordComponents()[0];
			Function<String, Object> component = argumentBinder(only.getGenericType());
			Constructor<?> constructor;
			try {
				constructor = raw.getDeclaredConstructor(only.getType());
				constructor.setAccessible(true);
			}
			catch (ReflectiveOperationException | RuntimeException ex) {
				return (argument) -> convert(Map.of(only.getName(), argument), javaType);
			}
			return (argument) -> construct(constructor, component.apply(argument));
		}
		if (isScalar(raw)) {
			return (argument) -> convert(argument, javaType);
		}
		return (argument) -> {
			throw new InvalidInputException("",
					"This function takes " + describe(raw) + ": send it as a JSON body with POST");
		};
	}

	private Object convert(Object source, JavaType javaType) {
		try {
			return this.mapper.convertValue(source, javaType);
		}
		catch (IllegalArgumentException | JacksonException ex) {
			if ((ex instanceof JacksonException jackson) || (ex.getCause() instanceof JacksonException)) {
				JacksonException jackson = (ex instanceof JacksonException direct) ? direct
						: (JacksonException) ex.getCause();
				throw translate(jackson, javaType.getRawClass(), "The path argument");
			}
			throw new InvalidInputException("", "The path argument must be " + describe(javaType.getRawClass()));
		}
	}

	private static Object construct(Constructor<?> constructor, Object argument) {
		try {
			return constructor.newInstance(argument);
		}
		catch (InvocationTargetException ex) {
			if (ex.getCause() instanceof InvalidInputException invalid) {
				throw invalid;
			}
			throw new InvalidInputException("", "Invalid value");
		}
		catch (ReflectiveOperationException ex) {
			throw new IllegalStateException("Cannot construct the payload", ex);
		}
	}

	private InvalidInputException translate(JacksonException ex, Class<?> rootType, String subject) {
		if (ex instanceof InvalidDefinitionException) {
			// The payload type itself cannot be read: a server-side defect, not the
			// caller's.
			throw new IllegalStateException("Payload type cannot be deserialized", ex);
		}
		if (ex.getCause() instanceof InvalidInputException invalid) {
			return invalid;
		}
		String field = path(ex);
		if (ex instanceof StreamReadException) {
			TokenStreamLocation location = ex.getLocation();
			String where = (location != null && location.getLineNr() > 0)
					? " at line " + location.getLineNr() + ", column " + location.getColumnNr() : "";
			return new InvalidInputException("", "Malformed JSON" + where);
		}
		if (ex instanceof UnrecognizedPropertyException) {
			return new InvalidInputException(field, "Unknown field");
		}
		if (ex instanceof ValueInstantiationException) {
			return new InvalidInputException(field, "Invalid value");
		}
		if (ex instanceof InvalidFormatException invalid && invalid.getValue() instanceof Number
				&& invalid.getTargetType() != null && !CharSequence.class.isAssignableFrom(invalid.getTargetType())) {
			return new InvalidInputException(field, "Number out of range");
		}
		if (ex instanceof MismatchedInputException mismatch) {
			Class<?> expected = (mismatch.getTargetType() != null) ? mismatch.getTargetType() : rootType;
			String message = field.isEmpty() ? subject + " must be " + describe(expected)
					: "Expected " + describe(expected);
			return new InvalidInputException(field, message);
		}
		return new InvalidInputException(field, "Invalid JSON value");
	}

	private static String path(JacksonException ex) {
		StringBuilder path = new StringBuilder();
		for (JacksonException.Reference reference : ex.getPath()) {
			if (reference.getPropertyName() != null) {
				if (!path.isEmpty()) {
					path.append('.');
				}
				path.append(reference.getPropertyName());
			}
			else if (reference.getIndex() >= 0) {
				path.append('[').append(reference.getIndex()).append(']');
			}
		}
		return path.toString();
	}

	private static boolean isScalar(Class<?> type) {
		return type.isPrimitive() || Number.class.isAssignableFrom(type) || type == Boolean.class || type.isEnum()
				|| Temporal.class.isAssignableFrom(type) || type == Character.class;
	}

	/**
	 * Names a kind of JSON value for a person; never a Java class name.
	 * @param type the Java type
	 * @return e.g. {@code a whole number}, {@code a JSON object}
	 */
	public static String describe(Class<?> type) {
		if (type == null || type == Object.class) {
			return "a JSON value";
		}
		if (type == String.class || type == CharSequence.class || type == Character.class || type == char.class) {
			return "a string";
		}
		if (type == Boolean.class || type == boolean.class) {
			return "true or false";
		}
		if (type == Integer.class || type == int.class || type == Long.class || type == long.class
				|| type == Short.class || type == short.class || type == java.math.BigInteger.class) {
			return "a whole number";
		}
		if (Number.class.isAssignableFrom(type) || type.isPrimitive()) {
			return "a number";
		}
		if (type.isEnum()) {
			return "one of " + Arrays.toString(type.getEnumConstants());
		}
		if (Temporal.class.isAssignableFrom(type)) {
			return "an ISO-8601 timestamp";
		}
		if (type.isArray() || Collection.class.isAssignableFrom(type)) {
			return "a JSON array";
		}
		return "a JSON object";
	}

}

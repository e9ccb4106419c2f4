package dev.fnbridge.core.catalog;

import java.lang.annotation.Annotation;
import java.lang.reflect.AnnotatedElement;
import java.lang.reflect.AnnotatedParameterizedType;
import java.lang.reflect.AnnotatedType;
import java.lang.reflect.Field;
import java.lang.reflect.GenericArrayType;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.lang.reflect.TypeVariable;
import java.lang.reflect.WildcardType;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Negative;
import jakarta.validation.constraints.NegativeOrZero;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.PositiveOrZero;
import jakarta.validation.constraints.Size;

/**
 * JSON Schema (2020-12) of a function's input or output type, for clients, for
 * {@code GET /functions} and for {@code target/fnbridge-functions.json}: records become
 * objects with their components (required when {@code @NotNull}, {@code @NotBlank},
 * {@code @NotEmpty} or primitive), collections arrays, enums string enumerations, and the
 * Bean Validation constraints the framework checks become the matching keywords
 * ({@code minLength}, {@code maximum}, {@code maxItems}, ...). Never a Java class name.
 */
public final class JsonSchemas {

	private JsonSchemas() {
	}

	/**
	 * The schema of a type.
	 * @param type the Java type, {@code null} for "no value"
	 * @return the schema as JSON-ready maps and lists; {@code {}} (any value) for a type
	 * it cannot describe
	 */
	public static Map<String, Object> of(Type type) {
		if (type == null) {
			return new LinkedHashMap<>();
		}
		return schema(type, null, new HashSet<>());
	}

	private static Map<String, Object> schema(Type type, AnnotatedElement constraints, Set<Class<?>> visiting) {
		Map<String, Object> schema = new LinkedHashMap<>();
		Class<?> raw = raw(type);
		if (raw == null || raw == Object.class) {
			return schema;
		}
		if (raw == Optional.class) {
			return schema(argument(type, 0), constraints, visiting);
		}
		if (raw == String.class || raw == CharSequence.class || raw == char.class || raw == Character.class) {
			schema.put("type", "string");
		}
		else if (raw == boolean.class || raw == Boolean.class) {
			schema.put("type", "boolean");
		}
		else if (raw == int.class || raw == long.class || raw == short.class || raw == byte.class
				|| raw == Integer.class || raw == Long.class || raw == Short.class || raw == Byte.class
				|| raw == BigInteger.class) {
			schema.put("type", "integer");
		}
		else if (raw.isPrimitive() || Number.class.isAssignableFrom(raw)) {
			schema.put("type", "number");
		}
		else if (raw.isEnum()) {
			schema.put("type", "string");
			schema.put("enum", Arrays.stream(raw.getEnumConstants()).map(String::valueOf).toList());
		}
		else if (raw == Instant.class || raw == OffsetDateTime.class || raw == ZonedDateTime.class) {
			schema.put("type", "string");
			schema.put("format", "date-time");
		}
		else if (raw == LocalDateTime.class) {
			schema.put("type", "string");
		}
		else if (raw == LocalDate.class) {
			schema.put("type", "string");
			schema.put("format", "date");
		}
		else if (raw == LocalTime.class) {
			schema.put("type", "string");
			schema.put("format", "time");
		}
		else if (raw == Duration.class) {
			schema.put("type", "string");
			schema.put("format", "duration");
		}
		else if (raw == UUID.class) {
			schema.put("type", "string");
			schema.put("format", "uuid");
		}
		else if (raw.isArray() || Collection.class.isAssignableFrom(raw)) {
			schema.put("type", "array");
			Type element = raw.isArray() ? componentType(type) : argument(type, 0);
			schema.put("items", schema(element, null, visiting));
		}
		else if (Map.class.isAssignableFrom(raw)) {
			schema.put("type", "object");
			schema.put("additionalProperties", schema(argument(type, 1), null, visiting));
		}
		else if (raw.isRecord()) {
			schema.put("type", "object");
			if (visiting.add(raw)) {
				record(raw, schema, visiting);
				visiting.remove(raw);
			}
		}
		else {
			schema.put("type", "object");
		}
		if (constraints != null) {
			constrain(schema, constraints);
		}
		return schema;
	}

	private static void record(Class<?> raw, Map<String, Object> schema, Set<Class<?>> visiting) {
		Map<String, Object> properties = new LinkedHashMap<>();
		List<String> required = new ArrayList<>();
		for (RecordComponent component : raw.getRecordComponents()) {
			AnnotatedElement annotations = field(raw, component);
			Map<String, Object> property = schema(component.getGenericType(), annotations, visiting);
			AnnotatedType annotatedType = component.getAnnotatedType();
			if (annotatedType instanceof AnnotatedParameterizedType parameterized
					&& property.get("items") instanceof Map<?, ?> items
					&& parameterized.getAnnotatedActualTypeArguments().length == 1) {
				@SuppressWarnings("unchecked")
				Map<String, Object> itemSchema = (Map<String, Object>) items;
				constrain(itemSchema, parameterized.getAnnotatedActualTypeArguments()[0]);
			}
			properties.put(component.getName(), property);
			if (component.getType().isPrimitive() || annotations.isAnnotationPresent(NotNull.class)
					|| annotations.isAnnotationPresent(NotBlank.class)
					|| annotations.isAnnotationPresent(NotEmpty.class)) {
				required.add(component.getName());
			}
		}
		schema.put("properties", properties);
		if (!required.isEmpty()) {
			schema.put("required", required);
		}
	}

	/**
	 * Constraints on a record component sit on its field (their targets exclude
	 * components).
	 */
	private static AnnotatedElement field(Class<?> record, RecordComponent component) {
		try {
			Field field = record.getDeclaredField(component.getName());
			return field;
		}
		catch (NoSuchFieldException ex) {
			return component;
		}
	}

	private static void constrain(Map<String, Object> schema, AnnotatedElement element) {
		Object type = schema.get("type");
		for (Annotation annotation : element.getAnnotations()) {
			if (annotation instanceof NotBlank || annotation instanceof NotEmpty) {
				schema.put("string".equals(type) ? "minLength" : "array".equals(type) ? "minItems" : "minProperties",
						1);
			}
			else if (annotation instanceof Size size) {
				String prefix = "string".equals(type) ? "Length" : "array".equals(type) ? "Items" : "Properties";
				if (size.min() > 0) {
					schema.put("min" + prefix, size.min());
				}
				if (size.max() < Integer.MAX_VALUE) {
					schema.put("max" + prefix, size.max());
				}
			}
			else if (annotation instanceof Pattern pattern) {
				schema.put("pattern", pattern.regexp());
			}
			else if (annotation instanceof Email) {
				schema.put("format", "email");
			}
			else if (annotation instanceof Positive) {
				schema.put("exclusiveMinimum", 0);
			}
			else if (annotation instanceof PositiveOrZero) {
				schema.put("minimum", 0);
			}
			else if (annotation instanceof Negative) {
				schema.put("exclusiveMaximum", 0);
			}
			else if (annotation instanceof NegativeOrZero) {
				schema.put("maximum", 0);
			}
			else if (annotation instanceof Min min) {
				schema.put("minimum", min.value());
			}
			else if (annotation instanceof Max max) {
				schema.put("maximum", max.value());
			}
			else if (annotation instanceof DecimalMin min) {
				schema.put(min.inclusive() ? "minimum" : "exclusiveMinimum", new BigDecimal(min.value()));
			}
			else if (annotation instanceof DecimalMax max) {
				schema.put(max.inclusive() ? "maximum" : "exclusiveMaximum", new BigDecimal(max.value()));
			}
		}
	}

	private static Class<?> raw(Type type) {
		if (type instanceof Class<?> cls) {
			return cls;
		}
		if (type instanceof ParameterizedType parameterized) {
			return raw(parameterized.getRawType());
		}
		if (type instanceof GenericArrayType) {
			return Object[].class;
		}
		if (type instanceof WildcardType wildcard && wildcard.getUpperBounds().length == 1) {
			return raw(wildcard.getUpperBounds()[0]);
		}
		if (type instanceof TypeVariable<?> variable && variable.getBounds().length == 1) {
			return raw(variable.getBounds()[0]);
		}
		return null;
	}

	private static Type argument(Type type, int index) {
		if (type instanceof ParameterizedType parameterized && parameterized.getActualTypeArguments().length > index) {
			return parameterized.getActualTypeArguments()[index];
		}
		return Object.class;
	}

	private static Type componentType(Type type) {
		if (type instanceof GenericArrayType array) {
			return array.getGenericComponentType();
		}
		return ((Class<?>) type).getComponentType();
	}

}

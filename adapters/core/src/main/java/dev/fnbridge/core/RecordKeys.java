package dev.fnbridge.core;

import java.lang.reflect.RecordComponent;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Reads the {@link RecordKey} of a payload. The accessor is looked up once per class.
 */
public final class RecordKeys {

	private static final Map<Class<?>, Optional<RecordComponent>> components = new ConcurrentHashMap<>();

	private RecordKeys() {
	}

	/**
	 * The key of a payload.
	 * @param payload any object
	 * @return the value of its {@link RecordKey} component as text, or empty if it has
	 * none or the value is {@code null}
	 */
	public static Optional<String> keyOf(Object payload) {
		if (payload == null || !payload.getClass().isRecord()) {
			return Optional.empty();
		}
		return components.computeIfAbsent(payload.getClass(), RecordKeys::find).map((component) -> {
			try {
				Object value = component.getAccessor().invoke(payload);
				return (value != null) ? value.toString() : null;
			}
			catch (ReflectiveOperationException ex) {
				return null;
			}
		});
	}

	private static Optional<RecordComponent> find(Class<?> type) {
		for (RecordComponent component : type.getRecordComponents()) {
			if (component.isAnnotationPresent(RecordKey.class)) {
				component.getAccessor().setAccessible(true);
				return Optional.of(component);
			}
		}
		return Optional.empty();
	}

}

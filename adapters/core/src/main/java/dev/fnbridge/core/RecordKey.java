package dev.fnbridge.core;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks the record component that identifies what a payload is about (a device, an
 * account): the key under which transports that have keys keep order. On Kafka the output
 * record of a function is keyed by this field of its input, so per-key order holds end to
 * end.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target({ ElementType.RECORD_COMPONENT, ElementType.FIELD, ElementType.METHOD })
public @interface RecordKey {

}

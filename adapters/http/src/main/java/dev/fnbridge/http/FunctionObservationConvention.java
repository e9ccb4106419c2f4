package dev.fnbridge.http;

import io.micrometer.common.KeyValue;
import io.micrometer.common.KeyValues;

import org.springframework.http.server.observation.DefaultServerRequestObservationConvention;
import org.springframework.http.server.observation.ServerRequestObservationContext;

/**
 * Adds a {@code function} tag to {@code http.server.requests}, so every function has its
 * own series instead of all sharing {@code uri="/{definition}"}. The value is a resolved
 * definition, or {@code none}: never raw request text, so the tag stays bounded.
 */
class FunctionObservationConvention extends DefaultServerRequestObservationConvention {

	private static final KeyValue NONE = KeyValue.of("function", "none");

	@Override
	public KeyValues getLowCardinalityKeyValues(ServerRequestObservationContext context) {
		Object function = context.getCarrier().getAttribute(FunctionHttpController.METRIC_TAG_ATTRIBUTE);
		KeyValue tag = (function != null) ? KeyValue.of("function", function.toString()) : NONE;
		return super.getLowCardinalityKeyValues(context).and(tag);
	}

}

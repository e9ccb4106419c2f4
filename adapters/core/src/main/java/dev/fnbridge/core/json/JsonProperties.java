package dev.fnbridge.core.json;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * How strictly every transport reads JSON input ({@code fnbridge.json.*}).
 */
@ConfigurationProperties("fnbridge.json")
public class JsonProperties {

	/**
	 * Whether a JSON number or boolean may be read into a text field ({@code {"name":
	 * 42}} as {@code "42"}). Off: such input is invalid.
	 */
	private boolean coerceScalarsToText;

	public boolean isCoerceScalarsToText() {
		return this.coerceScalarsToText;
	}

	public void setCoerceScalarsToText(boolean coerceScalarsToText) {
		this.coerceScalarsToText = coerceScalarsToText;
	}

}

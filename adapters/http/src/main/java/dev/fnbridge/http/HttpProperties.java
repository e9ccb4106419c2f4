package dev.fnbridge.http;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.util.unit.DataSize;

/**
 * Settings of the HTTP transport.
 */
@ConfigurationProperties("fnbridge.http")
public class HttpProperties {

	/**
	 * Largest request body accepted; a larger one is answered 413 without being read
	 * whole.
	 */
	private DataSize maxBodySize = DataSize.ofMegabytes(1);

	/**
	 * How long the whole body of a function request may take to arrive. It is read with
	 * non-blocking I/O, so a slow sender holds no request thread; past this it is
	 * answered 408. Zero reads bodies on the request thread instead, as Tomcat does by
	 * default.
	 */
	private Duration bodyReadTimeout = Duration.ofSeconds(10);

	/**
	 * How long a client may take to read its response. Responses (up to 4 MB) are written
	 * with non-blocking I/O, so a client that does not read holds no request thread; past
	 * this it is disconnected. Zero writes on the request thread instead, as Tomcat does
	 * by default.
	 */
	private Duration responseWriteTimeout = Duration.ofSeconds(30);

	/**
	 * Request headers copied to the response, by name (case-insensitive). Empty by
	 * default: nothing a client sends is reflected back unless listed here, e.g.
	 * X-Request-Id.
	 */
	private List<String> echoHeaders = new ArrayList<>();

	/**
	 * How many distinct compositions (definitions with ',' or '|') are kept resolved;
	 * single functions are always kept.
	 */
	private int compositionCacheSize = 256;

	/**
	 * How many functions one composition in a URL may have ({@code /a,b,c}); a longer one
	 * is a 400.
	 */
	private int maxCompositionLength = 16;

	/**
	 * How many distinct compositions get a metrics tag ({@code function}) of their own;
	 * the rest are counted under {@code other-compositions}, so callers cannot grow the
	 * series without bound.
	 */
	private int maxTaggedCompositions = 64;

	public int getMaxTaggedCompositions() {
		return this.maxTaggedCompositions;
	}

	public void setMaxTaggedCompositions(int maxTaggedCompositions) {
		this.maxTaggedCompositions = maxTaggedCompositions;
	}

	public int getMaxCompositionLength() {
		return this.maxCompositionLength;
	}

	public void setMaxCompositionLength(int maxCompositionLength) {
		this.maxCompositionLength = maxCompositionLength;
	}

	public Duration getBodyReadTimeout() {
		return this.bodyReadTimeout;
	}

	public void setBodyReadTimeout(Duration bodyReadTimeout) {
		this.bodyReadTimeout = bodyReadTimeout;
	}

	public Duration getResponseWriteTimeout() {
		return this.responseWriteTimeout;
	}

	public void setResponseWriteTimeout(Duration responseWriteTimeout) {
		this.responseWriteTimeout = responseWriteTimeout;
	}

	public DataSize getMaxBodySize() {
		return this.maxBodySize;
	}

	public void setMaxBodySize(DataSize maxBodySize) {
		this.maxBodySize = maxBodySize;
	}

	public List<String> getEchoHeaders() {
		return this.echoHeaders;
	}

	public void setEchoHeaders(List<String> echoHeaders) {
		this.echoHeaders = echoHeaders;
	}

	public int getCompositionCacheSize() {
		return this.compositionCacheSize;
	}

	public void setCompositionCacheSize(int compositionCacheSize) {
		this.compositionCacheSize = compositionCacheSize;
	}

}

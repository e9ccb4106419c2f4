package dev.fnbridge.app.archfixture;

import org.springframework.http.ResponseEntity;

/**
 * A feature that wrongly returns an HTTP type; proves the architecture rule can fail.
 */
public class LeakyFeature {

	public ResponseEntity<String> greet() {
		return ResponseEntity.ok("hi");
	}

}

package io.github.inceptioncam.inference;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.github.inceptioncam.testing.TestImages;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/** Fiji runs many plugins in one JVM: loading and running a model must not set JVM-wide properties. */
class NoGlobalStateTest {
	private static Map<String, String> snapshot() {
		Properties p = System.getProperties();
		Map<String, String> m = new TreeMap<>();
		for (String k : p.stringPropertyNames()) m.put(k, p.getProperty(k));
		return m;
	}

	@Test
	void loadingAndClassifyingSetsNoSystemProperty() throws Exception {
		Map<String, String> before = snapshot();
		CamEngine e = EngineCache.get(null, EngineSettings.of(DeviceChoice.AUTO).withThreads(1), null);
		try (CamSession s = e.newSession(2)) {
			s.classify(TestImages.random("p", 40, 30, 1, 3), new ClassifyOptions());
		}
		assertEquals(before, snapshot());
		// whatever ran earlier in this JVM: the DJL switches we once set for the whole JVM stay unset
		assertNull(System.getProperty("ai.djl.offline"));
		assertNull(System.getProperty("ai.djl.onnx.disable_alternative"));
	}
}

package io.github.inceptioncam.inference;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import ai.onnxruntime.OrtSession;
import org.junit.jupiter.api.Test;

class EngineSettingsTest {
	@Test
	void defaultUsesEveryProcessorWithoutSpinning() throws Exception {
		EngineSettings s = EngineSettings.of(DeviceChoice.CPU);
		assertEquals(Runtime.getRuntime().availableProcessors(), s.intraOpThreads());
		assertEquals(0, s.threads());
		OrtRuntime.environment();
		try (OrtSession.SessionOptions so = CamEngine.sessionOptions(s)) {
			assertEquals("0", so.getConfigEntries().get("session.intra_op.allow_spinning"));
		}
		try (OrtSession.SessionOptions so = CamEngine.sessionOptions(s.withSpinning(true))) {
			assertEquals("1", so.getConfigEntries().get("session.intra_op.allow_spinning"));
		}
	}

	@Test
	void explicitThreadsAndEquality() {
		EngineSettings s = EngineSettings.of(DeviceChoice.CPU).withThreads(3);
		assertEquals(3, s.intraOpThreads());
		assertEquals(EngineSettings.of(DeviceChoice.CPU).withThreads(Runtime.getRuntime().availableProcessors()),
			EngineSettings.of(DeviceChoice.CPU));
		assertNotEquals(s, EngineSettings.of(DeviceChoice.CPU).withThreads(1));
		assertThrows(IllegalArgumentException.class, () -> EngineSettings.of(DeviceChoice.CPU).withThreads(-1));
	}
}

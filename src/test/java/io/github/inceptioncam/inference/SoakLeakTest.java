package io.github.inceptioncam.inference;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.BaseNDManager;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import io.github.inceptioncam.model.InceptionModel;
import io.github.inceptioncam.testing.TestImages;
import java.lang.reflect.Field;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The soak in small: a few hundred images through one engine leave nothing behind. Counted, not timed:
 * the DJL managers and tensors under the model's manager (each session's predictor, each inference's
 * scratch manager and its ONNX Runtime tensors hang there until closed) and the engine's open sessions
 * stay at their baseline after every block of images, through failures, and the engine releases
 * everything when closed. (The resident-memory figure of 10,000 images lives in the benchmark harness.)
 */
class SoakLeakTest {
	private static final int IMAGES = 320;
	private static final int PER_SESSION = 40;

	/** Open DJL resources under a manager: [managers, tensors], the manager itself not counted. */
	static int[] count(NDManager m) throws Exception {
		int[] c = new int[2];
		walk(m, c);
		return c;
	}

	private static void walk(NDManager m, int[] c) throws Exception {
		Field f = BaseNDManager.class.getDeclaredField("resources");
		f.setAccessible(true);
		@SuppressWarnings("unchecked")
		Map<String, AutoCloseable> resources = (Map<String, AutoCloseable>) f.get(m);
		for (AutoCloseable r : resources.values()) {
			if (r instanceof NDManager) {
				c[0]++;
				walk((NDManager) r, c);
			} else if (r instanceof NDArray) {
				c[1]++;
			}
		}
	}

	private static List<ImageInput> block(int from, int n) {
		List<ImageInput> out = new ArrayList<>();
		// 16 distinct pictures cycled, sizes varying so that the resize path runs too
		for (int i = from; i < from + n; i++) out.add(TestImages.random("soak" + i, 256 - (i % 16) * 5, 256, 1, 1000 + i % 16));
		return out;
	}

	@Test
	void hundredsOfImagesLeaveNoTensorManagerOrSessionOpen() throws Exception {
		CamEngine engine = CamEngine.load(InceptionModel.load(null, null), EngineSettings.of(DeviceChoice.CPU).withThreads(1), null);
		NDManager root = engine.manager();
		int[] baseline = count(root);
		assertEquals(0, baseline[1], "no tensor under the model's manager after loading");
		ClassifyOptions opts = new ClassifyOptions().top(3).classSpec("top2");
		int done = 0;
		while (done < IMAGES) {
			try (CamSession s = engine.newSession(4)) {
				int[] open = count(root);
				assertEquals(baseline[0] + 1, open[0], "one manager more while a session is open: its predictor's");
				for (int i = 0; i < PER_SESSION; i += 8) {
					List<Classification> got = s.classify(block(done + i, 8), opts);
					assertEquals(8, got.size());
					assertEquals(2, got.get(0).cams().size());
					int[] now = count(root);
					assertEquals(open[0], now[0], "managers after " + (done + i + 8) + " images");
					assertEquals(0, now[1], "tensors left after " + (done + i + 8) + " images");
				}
				// a failing request (a class the model does not have) must not leave its tensors behind either
				assertThrows(IllegalArgumentException.class, () -> s.classify(block(0, 2), new ClassifyOptions().classSpec("no-such-class")));
				assertEquals(0, count(root)[1], "tensors left after a failed request");
				assertEquals(1, engine.openSessions());
			}
			done += PER_SESSION;
			int[] after = count(root);
			assertEquals(baseline[0], after[0], "managers back to the baseline after " + done + " images and a closed session");
			assertEquals(0, after[1]);
			assertEquals(0, engine.openSessions());
		}
		engine.close();
		assertTrue(engine.isReleased());
		assertFalse(root.isOpen(), "closing the engine closes the model's manager and everything under it");
		assertEquals(-1, engine.managedArrays());
	}

	@Test
	void aSessionLeftOpenIsCounted() throws Exception {
		// the count above can fail: a session not closed keeps its predictor's manager, and the engine alive
		CamEngine engine = CamEngine.load(InceptionModel.load(null, null), EngineSettings.of(DeviceChoice.CPU).withThreads(1), null);
		int[] baseline = count(engine.manager());
		CamSession leaked = engine.newSession(1);
		leaked.classify(block(0, 1), new ClassifyOptions());
		assertEquals(baseline[0] + 1, count(engine.manager())[0]);
		engine.close();
		assertFalse(engine.isReleased(), "an open session keeps the engine");
		assertEquals(1, engine.openSessions());
		leaked.close();
		assertTrue(engine.isReleased());
	}
}

package io.github.inceptioncam.inference;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.inceptioncam.model.InceptionModel;
import io.github.inceptioncam.testing.TestImages;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Four threads through the API at once: each with its own session, results identical to a serial run, to
 * the bit; and an engine the cache evicts (or someone closes) while another thread classifies on it stays
 * alive until that thread's session closes, instead of freeing the native model under a running inference.
 */
class ConcurrencyTest {
	private static final int MODELS = 6; // more than the cache keeps (4): loading them evicts engines in use
	private static final int ROUNDS = 5;
	private static final EngineSettings ONE_THREAD = EngineSettings.of(DeviceChoice.CPU).withThreads(1);

	@TempDir
	Path dir;

	@AfterEach
	void clear() {
		EngineCache.clear();
	}

	/** Copies of the built-in model (and its sidecar) under different names: six cache keys, one set of weights. */
	private List<Path> modelCopies() throws Exception {
		List<Path> out = new ArrayList<>();
		for (int k = 0; k < MODELS; k++) {
			Path onnx = dir.resolve("model_" + k + ".onnx");
			for (String ext : new String[] {".onnx", ".json"}) {
				String res = InceptionModel.BUILTIN_DIR + InceptionModel.BUILTIN_NAME.replace(".onnx", ext);
				try (InputStream in = InceptionModel.class.getResourceAsStream(res)) {
					Files.write(dir.resolve("model_" + k + ext), in.readAllBytes());
				}
			}
			out.add(onnx);
		}
		return out;
	}

	private static List<ImageInput> images() {
		List<ImageInput> images = new ArrayList<>();
		for (int i = 0; i < 6; i++) images.add(TestImages.random("img" + i, 200 + 13 * i, 256 - 7 * i, 1, 500 + i));
		return images;
	}

	private static void assertSame(List<Classification> want, List<Classification> got, String where) {
		assertEquals(want.size(), got.size(), where);
		for (int i = 0; i < want.size(); i++) {
			Classification a = want.get(i), b = got.get(i);
			assertEquals(a.image(), b.image(), where);
			assertArrayEquals(a.logits(), b.logits(), 0.0, where + " " + a.image());
			assertArrayEquals(a.probabilities(), b.probabilities(), 0.0, where + " " + a.image());
			assertEquals(a.top().get(0).label(), b.top().get(0).label(), where);
			assertArrayEquals(a.cam().raw(), b.cam().raw(), 0.0f, where + " " + a.image());
			assertArrayEquals(a.cam().box(), b.cam().box(), where + " " + a.image());
		}
	}

	@Test
	void fourThreadsMatchASerialRunWhileTheCacheEvictsTheirEngines() throws Exception {
		List<Path> models = modelCopies();
		List<ImageInput> images = images();
		ClassifyOptions opts = new ClassifyOptions().top(3);
		List<Classification> serial;
		try (CamSession s = EngineCache.openSession(models.get(0), ONE_THREAD, 2, null)) {
			serial = s.classify(images, opts);
		}
		EngineCache.clear();
		ExecutorService pool = Executors.newFixedThreadPool(4);
		try {
			List<Future<Integer>> runs = new ArrayList<>();
			for (int t = 0; t < 4; t++) {
				int thread = t;
				runs.add(pool.submit(() -> {
					int checked = 0;
					for (int round = 0; round < ROUNDS; round++) {
						int k = (thread * 2 + round) % MODELS;
						try (CamSession s = EngineCache.openSession(models.get(k), ONE_THREAD, 2, null)) {
							String where = "thread " + thread + " round " + round + " model_" + k;
							assertSame(serial, s.classify(images, opts), where);
							// four other models asked for: this session's engine is now the cache's eldest and evicted
							for (int j = 1; j <= 4; j++) EngineCache.get(models.get((k + j) % MODELS), ONE_THREAD, null);
							assertSame(serial, s.classify(images, opts), where + ", after its engine's eviction");
							checked += 2 * images.size();
						}
					}
					return checked;
				}));
			}
			int total = 0;
			for (Future<Integer> f : runs) total += f.get(300, TimeUnit.SECONDS);
			assertEquals(4 * ROUNDS * 2 * images.size(), total);
		} finally {
			pool.shutdownNow();
		}
	}

	@Test
	void anEngineClosedWhileASessionRunsIsReleasedWhenTheSessionCloses() throws Exception {
		List<ImageInput> images = images();
		ClassifyOptions opts = new ClassifyOptions();
		CamEngine engine = CamEngine.load(InceptionModel.load(null, null), ONE_THREAD, null);
		CamSession a = engine.newSession(1), b = engine.newSession(3);
		List<Classification> before = a.classify(images, opts);
		engine.close();
		assertFalse(engine.isReleased(), "two sessions are still open");
		assertThrows(IllegalStateException.class, () -> engine.newSession(1));
		assertSame(before, a.classify(images, opts), "after close, first session");
		a.close();
		a.close(); // idempotent: counts once
		assertFalse(engine.isReleased(), "one session is still open");
		assertSame(before, b.classify(images, opts), "after close, second session");
		b.close();
		assertTrue(engine.isReleased());
		assertEquals(0, engine.openSessions());
	}

	@Test
	void aSessionOpenedThroughTheCacheOutlivesTheEvictionOfItsEngine() throws Exception {
		List<Path> models = modelCopies();
		List<ImageInput> images = images();
		ClassifyOptions opts = new ClassifyOptions();
		try (CamSession s = EngineCache.openSession(models.get(0), ONE_THREAD, 1, null)) {
			List<Classification> before = s.classify(images, opts);
			for (int k = 1; k < MODELS; k++) EngineCache.get(models.get(k), ONE_THREAD, null); // evicts model_0
			CamEngine reloaded = EngineCache.get(models.get(0), ONE_THREAD, null);
			assertNotSame(s.engine(), reloaded, "model_0 was evicted and loaded again");
			assertFalse(s.engine().isReleased(), "the evicted engine still serves its open session");
			assertSame(before, s.classify(images, opts), "after eviction");
			s.close();
			assertTrue(s.engine().isReleased(), "released once its last session closed");
		}
	}
}

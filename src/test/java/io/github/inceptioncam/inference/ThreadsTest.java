package io.github.inceptioncam.inference;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import io.github.inceptioncam.testing.TestImages;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/** One engine, four threads each with its own session: the same answers as one thread, to the bit. */
class ThreadsTest {
	@Test
	void fourThreadsGiveIdenticalResults() throws Exception {
		CamEngine engine = EngineCache.get(null, DeviceChoice.CPU, null);
		List<ImageInput> images = new ArrayList<>();
		for (int i = 0; i < 6; i++) images.add(TestImages.random("img" + i, 256, 256, 1, 100 + i));
		List<Classification> reference;
		try (CamSession s = engine.newSession(1)) {
			reference = s.classify(images, new ClassifyOptions());
		}
		ExecutorService pool = Executors.newFixedThreadPool(4);
		try {
			List<Future<List<Classification>>> runs = new ArrayList<>();
			for (int t = 0; t < 4; t++) {
				runs.add(pool.submit(() -> {
					try (CamSession s = engine.newSession(1)) {
						List<Classification> out = new ArrayList<>();
						for (int r = 0; r < 3; r++) out = s.classify(images, new ClassifyOptions());
						return out;
					}
				}));
			}
			for (Future<List<Classification>> f : runs) {
				List<Classification> got = f.get();
				for (int i = 0; i < images.size(); i++) {
					assertArrayEquals(reference.get(i).logits(), got.get(i).logits(), 0.0);
					assertArrayEquals(reference.get(i).cam().raw(), got.get(i).cam().raw(), 0.0);
				}
			}
		} finally {
			pool.shutdownNow();
		}
	}
}

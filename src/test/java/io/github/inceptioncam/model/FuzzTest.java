package io.github.inceptioncam.model;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.fail;

import io.github.inceptioncam.testing.TestModels;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Damaged model files (flipped bytes, truncations, splices) either load or fail with a one-line
 * {@link ModelException}: never another exception, never a hang.
 */
class FuzzTest {
	@Test
	void damagedModelsFailCleanly() {
		Random rnd = new Random(12345);
		int loaded = 0, refused = 0;
		for (TestModels.Head head : TestModels.Head.values()) {
			byte[] good = TestModels.build(head, 3).bytes();
			for (int round = 0; round < 40; round++) {
				byte[] bad = mutate(good, rnd);
				try {
					InceptionModel.fromBytes(bad, "fuzz.onnx", null, null, null, null);
					loaded++;
				} catch (ModelException e) {
					assertFalse(e.getMessage().contains("\n"), e.getMessage());
					refused++;
				} catch (Throwable t) {
					fail(head + " round " + round + ": " + t, t);
				}
			}
		}
		assertFalse(refused == 0, "the mutations must break some models (" + loaded + " loaded)");
	}

	static byte[] mutate(byte[] good, Random rnd) {
		byte[] b = good.clone();
		switch (rnd.nextInt(3)) {
			case 0: // flip a few bytes
				for (int i = 0, n = 1 + rnd.nextInt(8); i < n; i++) b[rnd.nextInt(b.length)] = (byte) rnd.nextInt(256);
				return b;
			case 1: // truncate
				return java.util.Arrays.copyOf(b, rnd.nextInt(b.length));
			default: { // splice a chunk elsewhere
				int from = rnd.nextInt(b.length), len = rnd.nextInt(Math.min(64, b.length - from)), to = rnd.nextInt(b.length - len);
				System.arraycopy(good, from, b, to, len);
				return b;
			}
		}
	}
}

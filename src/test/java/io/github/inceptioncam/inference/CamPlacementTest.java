package io.github.inceptioncam.inference;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.github.inceptioncam.cam.CamBox;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Maps put back into a region: every class's map and box, with only the first map kept resampled. */
class CamPlacementTest {
	@Test
	void everyClassIsResampledIntoTheWindowWhenAskedFor() {
		Random rnd = new Random(4);
		List<CamResult> cams = new ArrayList<>();
		for (int k = 0; k < 5; k++) {
			double[] raw = new double[3 * 2];
			for (int i = 0; i < raw.length; i++) raw[i] = rnd.nextGaussian();
			cams.add(new CamResult(k, "c" + k, raw, 3, 2, 6, 4, null, null, 0, "cam", true));
		}
		Classification c = new Classification("x", 6, 4, List.of(), new double[5], new double[5], cams, null, "cpu", 0, 0, 0);
		// the model input covered (2.5, 1) to (8.5, 5) of a 12 x 7 region
		Classification placed = CamPlacement.toRegion(c, 2.5, 1, 6, 4, 12, 7, 0.2);
		assertEquals(5, placed.cams().size());
		for (int k = 0; k < 5; k++) {
			CamResult r = placed.cams().get(k);
			double[] want = CamPlacement.sample(cams.get(k).raw(), 3, 2, 2.5, 1, 6, 4, 12, 7);
			assertArrayEquals(want, r.resample(), "class " + k + ", made when asked for");
			assertArrayEquals(want, r.upsampled(), "class " + k + ", kept once asked for");
			assertArrayEquals(CamBox.box(want, 12, 7, 0.2), r.box(), "class " + k + "'s box");
			assertEquals(0.0, want[0], "outside the window");
		}
	}
}

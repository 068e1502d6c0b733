package io.github.inceptioncam.inference;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.inceptioncam.model.InceptionModel;
import io.github.inceptioncam.testing.TestModels;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * One hot block in a non-square image must light up the right feature cell and the right block of
 * the upsampled map: catches transposed or flipped maps, which the CAM identity cannot see.
 */
class OrientationTest {
	static InceptionModel poolModel() throws Exception {
		return InceptionModel.fromBytes(TestModels.poolModel().bytes(), "orientation", null, null, null, null);
	}

	@Test
	void hotBlockLandsInTheRightCellAndUpsampledBlock() throws Exception {
		int w = 24, h = 16;
		float[] px = new float[w * h];
		for (int y = 10; y <= 11; y++) for (int x = 18; x <= 19; x++) px[y * w + x] = 255;
		ImageInput img = new ImageInput("hot", w, h, 8, List.of(px));
		try (CamEngine e = CamEngine.load(poolModel(), DeviceChoice.CPU, null); CamSession s = e.newSession(1)) {
			Classification r = s.classify(img, new ClassifyOptions().classSpec("0"));
			CamResult cam = r.cam();
			assertEquals(3, cam.featureWidth());
			assertEquals(2, cam.featureHeight());
			// model input pixel (x=9, y=5) is 1.0 -> feature cell (x=2, y=1) = 1/16, all others 0
			for (int y = 0; y < 2; y++) {
				for (int x = 0; x < 3; x++) {
					assertEquals(x == 2 && y == 1 ? 1.0 / 16 : 0.0, cam.raw(y, x), 1e-7, "cell x=" + x + " y=" + y);
				}
			}
			double[] up = cam.upsampled();
			int arg = 0;
			for (int i = 1; i < up.length; i++) if (up[i] > up[arg]) arg = i;
			int ax = arg % w, ay = arg / w;
			assertTrue(ax >= 16 && ax < 24 && ay >= 8 && ay < 16, "upsampled argmax at " + ax + "," + ay);
			int[] box = cam.box();
			assertTrue(box[0] <= 18 && box[0] + box[2] >= 20 && box[1] <= 10 && box[1] + box[3] >= 12, java.util.Arrays.toString(box));
			assertTrue(box[0] >= 8 && box[1] >= 4, "box must stay in the lower right: " + java.util.Arrays.toString(box));

			Classification neg = s.classify(img, new ClassifyOptions().classSpec("1"));
			assertNull(neg.cam().box(), "an all-negative map has no box");
			for (float v : neg.cam().display()) assertEquals(0f, v);
		}
	}
}

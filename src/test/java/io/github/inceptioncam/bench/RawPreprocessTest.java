package io.github.inceptioncam.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.github.inceptioncam.inference.Preprocessor;
import io.github.inceptioncam.model.InceptionModel;
import java.awt.image.BufferedImage;
import java.nio.FloatBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The raw peer must feed ONNX Runtime the same values our engine does, or the comparison is void. */
class RawPreprocessTest {
	@Test
	void builtInModelGreyPercentileScalingMatchesOurPreprocessor() throws Exception {
		PeerModel pm = PeerModel.load(null);
		Preprocessor ours = new Preprocessor(InceptionModel.load(null, null).metadata());
		assertEquals(ours.imageSize(), pm.imageSize());
		for (long seed = 1; seed <= 3; seed++) {
			BufferedImage img = SyntheticImages.image(pm.sidecar.input.width, pm.sidecar.input.height, 1, seed);
			assertClose(ours, pm, img);
		}
	}

	@Test
	void rgbRangeScalingWithMeanAndStdMatchesOurPreprocessor(@TempDir Path dir) throws Exception {
		Path model = dir.resolve("m.onnx");
		Files.write(model, PeerModel.load(null).bytes); // a 1-channel graph; the sidecar decides the preprocessing here
		Files.writeString(dir.resolve("m.json"), "{\"input\": {\"width\": 64, \"height\": 48, \"channels\": 3},"
			+ " \"normalization\": {\"scaling\": \"range\", \"mean\": [0.485, 0.456, 0.406], \"std\": [0.229, 0.224, 0.225]}}");
		PeerModel pm = PeerModel.load(model);
		io.github.inceptioncam.model.ModelMetadata meta = InceptionModel.load(null, null).metadata().toBuilder()
			.inputSize(64, 48).channels(3).scaling(io.github.inceptioncam.model.Scaling.RANGE)
			.mean(0.485, 0.456, 0.406).std(0.229, 0.224, 0.225).build();
		assertClose(new Preprocessor(meta), pm, SyntheticImages.image(64, 48, 3, 9));
		assertThrows(IllegalArgumentException.class,
			() -> new RawPreprocess(pm.sidecar).write(SyntheticImages.image(32, 48, 3, 9), DirectBuffers.floats(pm.imageSize()), 0));
	}

	private static void assertClose(Preprocessor ours, PeerModel pm, BufferedImage img) {
		FloatBuffer a = DirectBuffers.floats(ours.imageSize()), b = DirectBuffers.floats(pm.imageSize());
		ours.write(SyntheticImages.toInput(img, "x"), a, 0);
		new RawPreprocess(pm.sidecar).write(img, b, 0);
		double max = 0;
		for (int i = 0; i < ours.imageSize(); i++) max = Math.max(max, Math.abs(a.get(i) - b.get(i)));
		assertEquals(0, max, 1e-5, "largest difference between our input tensor and the raw peer's");
	}
}

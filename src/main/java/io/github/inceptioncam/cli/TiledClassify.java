package io.github.inceptioncam.cli;

import ij.ImagePlus;
import io.github.inceptioncam.cam.TileGrid;
import io.github.inceptioncam.image.ImageFiles;
import io.github.inceptioncam.image.ImagePlusWindows;
import io.github.inceptioncam.inference.CamSession;
import io.github.inceptioncam.inference.ClassifyOptions;
import io.github.inceptioncam.inference.InferenceException;
import io.github.inceptioncam.inference.TileClassifier;
import io.github.inceptioncam.inference.TileResult;
import io.github.inceptioncam.model.ModelMetadata;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/**
 * {@code classify --tiles}: each file opened with ImageJ (its first slice), classified window by window
 * ({@link TileClassifier}, windows read lazily from the image's processor), one result per file.
 */
final class TiledClassify {
	private TiledClassify() {}

	static void run(List<Path> files, int stride, CamSession session, ClassifyOptions opts, ModelMetadata meta, ResultOutput output)
			throws InterruptedException {
		for (Path f : files) {
			ImagePlus imp;
			try {
				imp = ImageFiles.open(f);
			} catch (IOException | RuntimeException e) {
				output.error(f + ": " + Main.oneLine(e));
				continue;
			}
			try {
				TileGrid grid = TileGrid.of(imp.getWidth(), imp.getHeight(), meta.inputWidth(), meta.inputHeight(), stride);
				TileResult r = TileClassifier.run(session, new ImagePlusWindows(imp, 1, 1, f.toString()), grid, opts, null);
				output.tiled(r, imp.getCalibration());
			} catch (InferenceException | IllegalArgumentException e) {
				output.error(f + ": " + Main.oneLine(e));
			}
		}
	}
}

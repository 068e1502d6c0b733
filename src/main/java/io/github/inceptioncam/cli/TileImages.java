package io.github.inceptioncam.cli;

import ij.ImagePlus;
import ij.ImageStack;
import ij.measure.Calibration;
import ij.process.FloatProcessor;
import io.github.inceptioncam.cam.TileAssembly;
import io.github.inceptioncam.cam.TileGrid;
import io.github.inceptioncam.model.ModelMetadata;

/** The class image of a tile map, as written by {@code classify --tiles --out}. */
final class TileImages {
	private TileImages() {}

	/**
	 * A 32-bit stack at window resolution (cols x rows): slice {@code class} the top-1 index (-1 where a
	 * window was not classified), slice {@code probability} its probability, then one slice per class
	 * labelled with the class name; a pixel spans one stride of the image.
	 */
	static ImagePlus classImage(TileAssembly a, ModelMetadata meta, Calibration cal, String title) {
		TileGrid g = a.grid();
		float[] top = new float[g.count()], p = new float[g.count()];
		for (int i = 0; i < top.length; i++) {
			top[i] = a.top(i);
			p[i] = (float) a.topProbability(i);
		}
		ImageStack st = new ImageStack(g.cols(), g.rows());
		st.addSlice("class", new FloatProcessor(g.cols(), g.rows(), top));
		st.addSlice("probability", new FloatProcessor(g.cols(), g.rows(), p));
		for (int c = 0; c < a.classes(); c++) st.addSlice(meta.label(c), new FloatProcessor(g.cols(), g.rows(), a.probabilityPlane(c)));
		ImagePlus imp = new ImagePlus(title, st);
		imp.setCalibration(io.github.inceptioncam.imagej.TileAnnotator.windowCalibration(cal, g));
		return imp;
	}
}

package io.github.inceptioncam.demo;

import ij.ImagePlus;
import ij.ImageStack;
import ij.measure.Calibration;
import ij.process.ShortProcessor;
import java.util.List;
import java.util.Locale;

/**
 * The sample image of Plugins > Inception CAM > Sample Field: the first four fields of the documented sample data set
 * ({@code generate --seed 31337}, the same pixels as {@code sample-images/field_00000.tif} to {@code field_00003.tif}),
 * one per class of the built-in model, as a calibrated 16-bit stack whose slice labels name the class.
 */
public final class SampleField {
	/** The seed of {@code sample-images/} (not used in training: that uses 1001, validation 2002). */
	public static final long SEED = 31337;
	public static final int SIZE = 256;
	public static final String TITLE = "Inception CAM sample field";

	private SampleField() {}

	/** The four fields, in the data set's order (each block of four holds every class once). */
	public static ImagePlus make() {
		DemoDataset set = new DemoDataset(new FieldGenerator(SIZE), SEED, List.of(DemoClass.values()), DemoDataset.DEFAULT_UM_PER_PIXEL);
		ImageStack st = new ImageStack(SIZE, SIZE);
		StringBuilder info = new StringBuilder("Inception CAM sample field: synthetic nuclear-stain fields (generate --seed " + SEED
			+ "), one per class of the built-in model; the deciding cell's box per slice:\n");
		for (int i = 0; i < DemoClass.values().length; i++) {
			Field f = set.field(i);
			int[] b = f.box();
			st.addSlice(f.label().label() + " (" + DemoDataset.fileName(i, 8) + ")", new ShortProcessor(f.width(), f.height(), f.pixels(), null));
			info.append(String.format(Locale.ROOT, "slice %d: %s, box %s%n", i + 1, f.label().label(), b == null ? "none" : b[0] + "," + b[1] + "," + b[2] + "," + b[3]));
		}
		ImagePlus imp = new ImagePlus(TITLE, st);
		Calibration cal = imp.getCalibration();
		cal.pixelWidth = DemoDataset.DEFAULT_UM_PER_PIXEL;
		cal.pixelHeight = DemoDataset.DEFAULT_UM_PER_PIXEL;
		cal.setUnit("\u00B5m");
		imp.setProperty("Info", info.toString());
		imp.resetDisplayRange();
		return imp;
	}
}

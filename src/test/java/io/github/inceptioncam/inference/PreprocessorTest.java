package io.github.inceptioncam.inference;

import static org.junit.jupiter.api.Assertions.assertEquals;

import ij.ImagePlus;
import ij.gui.Roi;
import ij.process.ByteProcessor;
import ij.process.ColorProcessor;
import ij.process.FloatProcessor;
import ij.process.ShortProcessor;
import io.github.inceptioncam.image.ImageInputs;
import io.github.inceptioncam.model.Layout;
import io.github.inceptioncam.model.ModelMetadata;
import io.github.inceptioncam.model.Scaling;
import java.nio.FloatBuffer;
import java.util.List;
import org.junit.jupiter.api.Test;

class PreprocessorTest {
	static ModelMetadata meta(int w, int h, int channels, Layout layout, Scaling s) {
		return new ModelMetadata.Builder().inputSize(w, h).channels(channels).layout(layout).scaling(s).build();
	}

	static float[] run(ModelMetadata m, ImageInput img) {
		Preprocessor p = new Preprocessor(m);
		FloatBuffer b = FloatBuffer.allocate(p.imageSize() * 2);
		p.write(img, b, 1);
		float[] out = new float[p.imageSize()];
		b.position(p.imageSize());
		b.get(out);
		return out;
	}

	@Test
	void bitDepthsScaleTo01() {
		ModelMetadata m = meta(2, 1, 1, Layout.NCHW, Scaling.RANGE);
		ImagePlus b8 = new ImagePlus("8", new ByteProcessor(2, 1, new byte[] {(byte) 255, 51}));
		ImagePlus b16 = new ImagePlus("16", new ShortProcessor(2, 1, new short[] {(short) 65535, 13107}, null));
		ImagePlus b32 = new ImagePlus("32", new FloatProcessor(2, 1, new float[] {-3.5f, 7f}));
		float[] a = run(m, ImageInputs.fromImagePlus(b8, "8"));
		assertEquals(1f, a[0], 1e-7);
		assertEquals(0.2f, a[1], 1e-7);
		float[] c = run(m, ImageInputs.fromImagePlus(b16, "16"));
		assertEquals(1f, c[0], 1e-7);
		assertEquals(0.2f, c[1], 1e-7);
		float[] d = run(m, ImageInputs.fromImagePlus(b32, "32"));
		assertEquals(-3.5f, d[0]);
		assertEquals(7f, d[1]);
	}

	@Test
	void rgbGreyChannelMappingAndMeanStd() {
		ColorProcessor cp = new ColorProcessor(1, 1);
		cp.set(0, (255 << 16) | (102 << 8) | 51);
		ImageInput rgb = ImageInputs.fromImagePlus(new ImagePlus("rgb", cp), "rgb");
		ModelMetadata m3 = new ModelMetadata.Builder().inputSize(1, 1).channels(3).mean(0.5, 0.4, 0.2).std(0.5, 0.2, 0.1).build();
		float[] v = run(m3, rgb);
		assertEquals((1f - 0.5f) / 0.5f, v[0], 1e-6);
		assertEquals((0.4f - 0.4f) / 0.2f, v[1], 1e-6);
		assertEquals((0.2f - 0.2f) / 0.1f, v[2], 1e-6);
		float[] grey = run(meta(1, 1, 1, Layout.NCHW, Scaling.RANGE), rgb);
		assertEquals((1f + 0.4f + 0.2f) / 3, grey[0], 1e-6);
		ImageInput g = new ImageInput("g", 1, 1, 8, List.of(new float[] {102}));
		float[] rep = run(meta(1, 1, 3, Layout.NCHW, Scaling.RANGE), g);
		for (float x : rep) assertEquals(0.4f, x, 1e-6);
	}

	@Test
	void nhwcInterleavesChannels() {
		ImageInput img = new ImageInput("i", 2, 1, 8, List.of(new float[] {0, 255}, new float[] {51, 102}, new float[] {153, 204}));
		float[] v = run(meta(2, 1, 3, Layout.NHWC, Scaling.RANGE), img);
		float[] expected = {0f, 0.2f, 0.6f, 1f, 0.4f, 0.8f};
		for (int i = 0; i < 6; i++) assertEquals(expected[i], v[i], 1e-6);
		float[] planar = run(meta(2, 1, 3, Layout.NCHW, Scaling.RANGE), img);
		float[] expectedPlanar = {0f, 1f, 0.2f, 0.4f, 0.6f, 0.8f};
		for (int i = 0; i < 6; i++) assertEquals(expectedPlanar[i], planar[i], 1e-6);
	}

	@Test
	void percentileScalingAndConstantImages() {
		float[] px = new float[101];
		for (int i = 0; i <= 100; i++) px[i] = 1000 + 10 * i;
		ImageInput img = new ImageInput("p", 101, 1, 16, List.of(px));
		ModelMetadata m = new ModelMetadata.Builder().inputSize(101, 1).channels(1).scaling(Scaling.PERCENTILE).percentiles(10, 90).build();
		float[] v = run(m, img);
		assertEquals(0f, v[10], 1e-6);
		assertEquals(1f, v[90], 1e-6);
		assertEquals(-0.125f, v[0], 1e-6);
		assertEquals(18.5, Preprocessor.percentile(new float[] {10, 20, 30}, 42.5), 1e-9);
		float[] flat = run(m, new ImageInput("c", 101, 1, 16, List.of(new float[101])));
		for (float x : flat) assertEquals(0f, x);
	}

	@Test
	void compositeChannelsAndStackPositions() {
		ij.ImageStack st = new ij.ImageStack(2, 1);
		// 2 channels x 2 slices, channel-major per slice (ImageJ's czt order)
		st.addSlice(new ShortProcessor(2, 1, new short[] {1, 2}, null));
		st.addSlice(new ShortProcessor(2, 1, new short[] {3, 4}, null));
		st.addSlice(new ShortProcessor(2, 1, new short[] {5, 6}, null));
		st.addSlice(new ShortProcessor(2, 1, new short[] {7, 8}, null));
		ImagePlus imp = new ImagePlus("comp", st);
		imp.setDimensions(2, 2, 1);
		ImagePlus comp = new ij.CompositeImage(imp, ij.CompositeImage.COMPOSITE);
		ImageInput z2 = ImageInputs.at(comp, 2, 1, null, "comp");
		assertEquals(2, z2.channels());
		assertEquals(16, z2.bitDepth());
		assertEquals(5f, z2.plane(0)[0]);
		assertEquals(8f, z2.plane(1)[1]);
		// two channels into an RGB model: red, green, blue zero
		float[] v = run(new ModelMetadata.Builder().inputSize(2, 1).channels(3).scaling(Scaling.NONE).build(), z2);
		assertEquals(5f, v[0]);
		assertEquals(7f, v[2]);
		assertEquals(0f, v[4]);
	}

	@Test
	void selectionCropsWithoutTouchingPixels() {
		ByteProcessor bp = new ByteProcessor(4, 3);
		for (int i = 0; i < 12; i++) bp.set(i, i * 10);
		ImagePlus imp = new ImagePlus("roi", bp);
		imp.setRoi(new Roi(1, 1, 2, 2));
		ImageInput in = ImageInputs.fromImagePlus(imp, "roi");
		assertEquals(2, in.width());
		assertEquals(2, in.height());
		assertEquals(50f, in.plane(0)[0]);
		assertEquals(100f, in.plane(0)[3]);
		assertEquals(10 * 11, bp.get(11));
	}
}

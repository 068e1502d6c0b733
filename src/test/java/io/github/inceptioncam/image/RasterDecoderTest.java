package io.github.inceptioncam.image;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ij.ImagePlus;
import ij.io.FileSaver;
import ij.process.ShortProcessor;
import io.github.inceptioncam.inference.ImageInput;
import java.awt.Transparency;
import java.awt.color.ColorSpace;
import java.awt.image.BufferedImage;
import java.awt.image.ColorModel;
import java.awt.image.ComponentColorModel;
import java.awt.image.DataBuffer;
import java.awt.image.IndexColorModel;
import java.awt.image.WritableRaster;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Random;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The javax.imageio fast path gives exactly the planes of the ImageJ path (Opener, then ImageInputs.at). */
class RasterDecoderTest {
	static final int W = 37, H = 23;

	@TempDir
	Path dir;

	private final Random rnd = new Random(2024);

	private Path write(BufferedImage bi, String format, String name) throws IOException {
		Path p = dir.resolve(name);
		assertTrue(ImageIO.write(bi, format, p.toFile()), "no writer for " + name);
		return p;
	}

	/** The fast path handles the file and gives bit-identical planes to ImageJ's. */
	private ImageInput assertSameAsImageJ(Path p) throws IOException {
		ImageInput fast = RasterDecoder.read(p, "x");
		assertNotNull(fast, p + ": fast path declined");
		ImageInput ij = ImageInputs.at(ImageFiles.open(p), 1, 1, null, "x");
		assertEquals(ij.width(), fast.width(), p.toString());
		assertEquals(ij.height(), fast.height(), p.toString());
		assertEquals(ij.bitDepth(), fast.bitDepth(), p.toString());
		assertEquals(ij.channels(), fast.channels(), p.toString());
		for (int c = 0; c < ij.channels(); c++) assertArrayEquals(ij.plane(c), fast.plane(c), p + " channel " + c);
		return fast;
	}

	private int smoothish(int x, int y, int c) {
		// gradients plus noise, so JPEG has both flat and busy blocks
		return Math.max(0, Math.min(255, (x * 7 + y * 5 + c * 60) % 256 + rnd.nextInt(40) - 20));
	}

	@Test
	void grey8AndGrey16Png() throws IOException {
		BufferedImage g8 = new BufferedImage(W, H, BufferedImage.TYPE_BYTE_GRAY);
		BufferedImage g16 = new BufferedImage(W, H, BufferedImage.TYPE_USHORT_GRAY);
		for (int y = 0; y < H; y++) {
			for (int x = 0; x < W; x++) {
				g8.getRaster().setSample(x, y, 0, rnd.nextInt(256));
				g16.getRaster().setSample(x, y, 0, rnd.nextInt(65536));
			}
		}
		g8.getRaster().setSample(0, 0, 0, 100); // getRGB would turn this into 168
		ImageInput a = assertSameAsImageJ(write(g8, "png", "g8.png"));
		assertEquals(8, a.bitDepth());
		assertEquals(100f, a.plane(0)[0]);
		ImageInput b = assertSameAsImageJ(write(g16, "png", "g16.png"));
		assertEquals(16, b.bitDepth());
	}

	@Test
	void rgbAndRgbaPng() throws IOException {
		BufferedImage rgb = new BufferedImage(W, H, BufferedImage.TYPE_INT_RGB);
		BufferedImage greyRgb = new BufferedImage(W, H, BufferedImage.TYPE_INT_RGB);
		BufferedImage rgba = new BufferedImage(W, H, BufferedImage.TYPE_INT_ARGB);
		BufferedImage opaque = new BufferedImage(W, H, BufferedImage.TYPE_INT_ARGB);
		for (int y = 0; y < H; y++) {
			for (int x = 0; x < W; x++) {
				rgb.setRGB(x, y, rnd.nextInt(1 << 24));
				greyRgb.setRGB(x, y, rnd.nextInt(256) * 0x010101);
				int a = x % 5 == 0 ? 0 : x % 5 == 1 ? 255 : rnd.nextInt(256);
				rgba.setRGB(x, y, (a << 24) | rnd.nextInt(1 << 24));
				opaque.setRGB(x, y, 0xff000000 | rnd.nextInt(1 << 24));
			}
		}
		assertEquals(24, assertSameAsImageJ(write(rgb, "png", "rgb.png")).bitDepth());
		// a PNG stays RGB even when grey (only JPEGs become 8-bit)
		assertEquals(3, assertSameAsImageJ(write(greyRgb, "png", "greyrgb.png")).channels());
		assertEquals(3, assertSameAsImageJ(write(rgba, "png", "rgba.png")).channels());
		assertEquals(3, assertSameAsImageJ(write(opaque, "png", "opaque.png")).channels());
	}

	@Test
	void palettePngMapsToColours() throws IOException {
		byte[] r = new byte[256], g = new byte[256], b = new byte[256];
		rnd.nextBytes(r);
		rnd.nextBytes(g);
		rnd.nextBytes(b);
		BufferedImage pal = new BufferedImage(W, H, BufferedImage.TYPE_BYTE_INDEXED, new IndexColorModel(8, 256, r, g, b));
		byte[] sr = {0, (byte) 255, 0, 10}, sg = {0, 0, (byte) 255, 20}, sb = {(byte) 255, 0, 0, 30};
		BufferedImage small = new BufferedImage(W, H, BufferedImage.TYPE_BYTE_INDEXED, new IndexColorModel(8, 4, sr, sg, sb));
		BufferedImage packed = new BufferedImage(W, H, BufferedImage.TYPE_BYTE_BINARY, new IndexColorModel(2, 4, sr, sg, sb));
		for (int y = 0; y < H; y++) {
			for (int x = 0; x < W; x++) {
				pal.getRaster().setSample(x, y, 0, rnd.nextInt(256));
				small.getRaster().setSample(x, y, 0, rnd.nextInt(4));
				packed.getRaster().setSample(x, y, 0, rnd.nextInt(4));
			}
		}
		pal.getRaster().setSample(0, 0, 0, 7);
		ImageInput p = assertSameAsImageJ(write(pal, "png", "pal.png"));
		assertEquals(24, p.bitDepth());
		assertEquals(r[7] & 0xff, (int) p.plane(0)[0]); // the colour, not the index
		assertEquals(g[7] & 0xff, (int) p.plane(1)[0]);
		assertSameAsImageJ(write(small, "png", "small.png"));
		assertSameAsImageJ(write(packed, "png", "packed.png"));
		// opened as a user opens it (File > Open: 8-bit with the file's colour LUT, not re-marked), the
		// plugin's input is the colours too, the same planes as the CLI's
		ImagePlus opened = ij.IJ.openImage(dir.resolve("pal.png").toString());
		assertEquals(ImagePlus.GRAY8, opened.getType());
		ImageInput viaDialog = ImageInputs.at(opened, 1, 1, null, "pal.png");
		assertEquals(3, viaDialog.channels());
		for (int c = 0; c < 3; c++) assertArrayEquals(p.plane(c), viaDialog.plane(c), 0f);
		// a grey TIFF the user shows with a colour LUT is still classified by its grey values
		ImagePlus grey = new ImagePlus("grey", new ij.process.ByteProcessor(W, H));
		grey.getProcessor().setColorModel(new IndexColorModel(8, 256, r, g, b));
		assertEquals(1, ImageInputs.at(grey, 1, 1, null, "grey").channels());
	}

	@Test
	void jpegColourGreyAndGreyValuedRgb() throws IOException {
		BufferedImage rgb = new BufferedImage(W * 3, H * 2, BufferedImage.TYPE_INT_RGB);
		BufferedImage grey = new BufferedImage(W, H, BufferedImage.TYPE_BYTE_GRAY);
		BufferedImage greyRgb = new BufferedImage(W, H, BufferedImage.TYPE_INT_RGB);
		for (int y = 0; y < rgb.getHeight(); y++) {
			for (int x = 0; x < rgb.getWidth(); x++) rgb.setRGB(x, y, (smoothish(x, y, 0) << 16) | (smoothish(x, y, 1) << 8) | smoothish(x, y, 2));
		}
		for (int y = 0; y < H; y++) {
			for (int x = 0; x < W; x++) {
				grey.getRaster().setSample(x, y, 0, smoothish(x, y, 0));
				greyRgb.setRGB(x, y, smoothish(x, y, 1) * 0x010101);
			}
		}
		ImageInput c = assertSameAsImageJ(write(rgb, "jpeg", "rgb.jpg"));
		assertEquals(24, c.bitDepth());
		assertEquals(8, assertSameAsImageJ(write(grey, "jpeg", "grey.jpeg")).bitDepth());
		assertSameAsImageJ(write(greyRgb, "jpeg", "greyrgb.jpg"));
	}

	@Test
	void greyAlphaKeepsTheRawGreySamples() throws IOException {
		ColorModel cm = new ComponentColorModel(ColorSpace.getInstance(ColorSpace.CS_GRAY), true, false, Transparency.TRANSLUCENT, DataBuffer.TYPE_BYTE);
		WritableRaster wr = cm.createCompatibleWritableRaster(W, H);
		float[] expected = new float[W * H];
		for (int i = 0; i < expected.length; i++) {
			int v = rnd.nextInt(256);
			wr.setSample(i % W, i / W, 0, v);
			wr.setSample(i % W, i / W, 1, rnd.nextInt(256));
			expected[i] = v;
		}
		ImageInput in = RasterDecoder.read(write(new BufferedImage(cm, wr, false, null), "png", "ga.png"), "ga");
		assertNotNull(in);
		assertEquals(8, in.bitDepth());
		assertEquals(1, in.channels());
		assertArrayEquals(expected, in.plane(0));
	}

	@Test
	void everyPngRowFilterAndInterlacedFiles() throws IOException {
		// smooth ramps, edges and noise make the encoder pick all five row filters
		BufferedImage g8 = new BufferedImage(64, 48, BufferedImage.TYPE_BYTE_GRAY);
		BufferedImage g16 = new BufferedImage(64, 48, BufferedImage.TYPE_USHORT_GRAY);
		BufferedImage rgb = new BufferedImage(64, 48, BufferedImage.TYPE_INT_RGB);
		for (int y = 0; y < 48; y++) {
			for (int x = 0; x < 64; x++) {
				int v = y < 12 ? x * 4 : y < 24 ? y * 5 : y < 36 ? (x * y) & 0xff : rnd.nextInt(256);
				g8.getRaster().setSample(x, y, 0, v);
				g16.getRaster().setSample(x, y, 0, y < 24 ? v * 257 + x : rnd.nextInt(65536));
				rgb.setRGB(x, y, (v << 16) | (((x + y) * 3 & 0xff) << 8) | (y < 30 ? 255 - v : rnd.nextInt(256)));
			}
		}
		for (BufferedImage bi : new BufferedImage[] {g8, g16, rgb}) {
			Path p = write(bi, "png", "f" + bi.getType() + ".png");
			assertNotNull(PngDecoder.decode(java.nio.file.Files.readAllBytes(p), "x"), "handled by PngDecoder");
			assertSameAsImageJ(p);
			// the same image interlaced goes through javax.imageio, with the same planes
			Path q = dir.resolve("i" + bi.getType() + ".png");
			javax.imageio.ImageWriter w = ImageIO.getImageWritersByFormatName("png").next();
			javax.imageio.ImageWriteParam param = w.getDefaultWriteParam();
			param.setProgressiveMode(javax.imageio.ImageWriteParam.MODE_DEFAULT);
			try (javax.imageio.stream.ImageOutputStream out = ImageIO.createImageOutputStream(q.toFile())) {
				w.setOutput(out);
				w.write(null, new javax.imageio.IIOImage(bi, null, null), param);
			}
			w.dispose();
			assertNull(PngDecoder.decode(java.nio.file.Files.readAllBytes(q), "x"), "interlaced: left to javax.imageio");
			ImageInput a = RasterDecoder.read(p, "x"), b = assertSameAsImageJ(q);
			for (int c = 0; c < a.channels(); c++) assertArrayEquals(a.plane(c), b.plane(c));
		}
	}

	@Test
	void grey16AlphaKeepsTheRawGreySamples() throws IOException {
		ColorModel cm = new ComponentColorModel(ColorSpace.getInstance(ColorSpace.CS_GRAY), true, false, Transparency.TRANSLUCENT, DataBuffer.TYPE_USHORT);
		WritableRaster wr = cm.createCompatibleWritableRaster(W, H);
		float[] expected = new float[W * H];
		for (int i = 0; i < expected.length; i++) {
			int v = rnd.nextInt(65536);
			wr.setSample(i % W, i / W, 0, v);
			wr.setSample(i % W, i / W, 1, rnd.nextInt(65536));
			expected[i] = v;
		}
		ImageInput in = RasterDecoder.read(write(new BufferedImage(cm, wr, false, null), "png", "ga16.png"), "ga");
		assertNotNull(in);
		assertEquals(16, in.bitDepth());
		assertArrayEquals(expected, in.plane(0));
	}

	@Test
	void unusualFilesGoToImageJ() throws IOException {
		byte[] q = new byte[16];
		for (int i = 0; i < 16; i++) q[i] = (byte) (i * 17);
		BufferedImage greyPalette = new BufferedImage(W, H, BufferedImage.TYPE_BYTE_INDEXED, new IndexColorModel(8, 16, q, q, q));
		assertNull(RasterDecoder.read(write(greyPalette, "png", "gpal.png"), "x"));
		byte[] a = new byte[16];
		a[3] = (byte) 128;
		BufferedImage translucentPalette = new BufferedImage(W, H, BufferedImage.TYPE_BYTE_INDEXED, new IndexColorModel(8, 16, q, q, q, a));
		assertNull(RasterDecoder.read(write(translucentPalette, "png", "tpal.png"), "x"));
		Path tif = dir.resolve("s.tif");
		assertTrue(new FileSaver(new ImagePlus("s", new ShortProcessor(W, H))).saveAsTiff(tif.toString()));
		assertNull(RasterDecoder.read(tif, "x"));
		// a TIFF named .png is sniffed, not trusted
		Path fake = dir.resolve("fake.png");
		java.nio.file.Files.copy(tif, fake);
		assertNull(RasterDecoder.read(fake, "x"));
		java.nio.file.Files.write(dir.resolve("bad.png"), new byte[] {(byte) 0x89, 'P', 'N', 'G', 1, 2, 3});
		assertNull(RasterDecoder.read(dir.resolve("bad.png"), "x"));
		// ImageFiles.read falls back to ImageJ for all of them, with the TIFF's calibration
		DecodedImage d = ImageFiles.read(tif, "s");
		assertEquals(16, d.input().bitDepth());
		assertNotNull(d.calibration());
		assertEquals(8, ImageFiles.read(dir.resolve("gpal.png"), "g").input().bitDepth());
		assertThrowsIo(dir.resolve("bad.png"));
	}

	@Test
	void readTimesTheDecodeAndGivesADefaultCalibration() throws IOException {
		BufferedImage g8 = new BufferedImage(W, H, BufferedImage.TYPE_BYTE_GRAY);
		DecodedImage d = ImageFiles.read(write(g8, "png", "t.png"), "t");
		assertTrue(d.decodeMs() > 0);
		assertFalse(d.calibration().scaled());
		assertEquals("t", d.input().name());
	}

	private static void assertThrowsIo(Path p) {
		try {
			ImageFiles.read(p, "bad");
		} catch (IOException e) {
			return;
		}
		throw new AssertionError("expected an IOException for " + p);
	}
}

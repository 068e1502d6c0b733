package io.github.inceptioncam.image;

import ij.Prefs;
import io.github.inceptioncam.inference.ImageInput;
import java.awt.Color;
import java.awt.Graphics;
import java.awt.color.ColorSpace;
import java.awt.image.BufferedImage;
import java.awt.image.ColorModel;
import java.awt.image.ComponentSampleModel;
import java.awt.image.DataBuffer;
import java.awt.image.DataBufferByte;
import java.awt.image.DataBufferInt;
import java.awt.image.DataBufferUShort;
import java.awt.image.IndexColorModel;
import java.awt.image.Raster;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;

/**
 * Reads plain PNG and JPEG rasters with {@code javax.imageio} (the common PNGs with {@link PngDecoder})
 * and copies their samples straight into float planes, without an ImageJ image in between. The planes are the ones ImageJ's {@link ij.io.Opener}
 * followed by {@link ImageInputs#at} gives (a test checks them bit for bit):
 *
 * <ul>
 *   <li>8-bit and 16-bit grey: the raw samples (never {@code getRGB()}, which converts grey colour spaces);
 *   <li>RGB: three planes; a JPEG whose pixels are all grey becomes one 8-bit plane, as ImageJ opens it;
 *   <li>RGBA: opaque images drop the alpha; translucent ones are composited onto white as ImageJ does;
 *   <li>colour palettes: the indices mapped through the palette to RGB;
 *   <li>grey + alpha: the raw grey samples, alpha dropped (ImageJ would convert them through the sRGB
 *       colour space and composite them onto white, which changes the values).
 * </ul>
 *
 * Anything else (grey or translucent palettes, 16-bit RGB, ICC-profiled or CMYK images, other formats,
 * damaged files) returns null: open those with ImageJ.
 */
public final class RasterDecoder {
	private RasterDecoder() {}

	/** The image as planes, or null when this reader does not handle it (then ImageJ opens it). */
	public static ImageInput read(Path file, String name) {
		String n = file.getFileName().toString().toLowerCase(Locale.ROOT);
		if (!(n.endsWith(".png") || n.endsWith(".jpg") || n.endsWith(".jpeg"))) return null;
		byte[] bytes;
		try {
			bytes = Files.readAllBytes(file);
		} catch (IOException | OutOfMemoryError e) {
			return null;
		}
		return decode(bytes, name);
	}

	/** The planes of a PNG or JPEG file's bytes, or null when this reader does not handle them (or they are too large). */
	static ImageInput decode(byte[] bytes, String name) {
		try {
			return decodeOrFail(bytes, name);
		} catch (OutOfMemoryError e) {
			return null; // found by fuzzing: a large JPEG within the size limit on a small heap; ImageJ then reports it
		}
	}

	private static ImageInput decodeOrFail(byte[] bytes, String name) {
		if (PngDecoder.isPng(bytes)) {
			ImageInput common = PngDecoder.decode(bytes, name);
			if (common != null) return common;
		}
		try (ImageInputStream iis = ImageIO.createImageInputStream(new ByteArrayInputStream(bytes))) {
			if (iis == null) return null;
			Iterator<ImageReader> readers = ImageIO.getImageReaders(iis);
			if (!readers.hasNext()) return null;
			ImageReader reader = readers.next();
			try {
				String format = reader.getFormatName().toLowerCase(Locale.ROOT);
				boolean jpeg = format.equals("jpeg") || format.equals("jpg");
				if (!jpeg && !format.equals("png")) return null;
				reader.setInput(iis, true, true);
				if (jpeg && reader.getNumImages(false) > 1) return null;
				if (ImageLimits.check(reader.getWidth(0), reader.getHeight(0)) != null) return null;
				return planes(reader.read(0), name, jpeg);
			} finally {
				reader.dispose();
			}
		} catch (IOException | RuntimeException e) {
			return null; // ImageJ gets its chance and reports its own reason
		}
	}

	/** The planes of a decoded image, or null when it is not one of the handled kinds. */
	static ImageInput planes(BufferedImage bi, String name, boolean jpeg) {
		int w = bi.getWidth(), h = bi.getHeight();
		Raster ras = bi.getRaster();
		if (ras.getMinX() != 0 || ras.getMinY() != 0 || ras.getSampleModelTranslateX() != 0 || ras.getSampleModelTranslateY() != 0) return null;
		ColorModel cm = bi.getColorModel();
		switch (bi.getType()) {
			case BufferedImage.TYPE_BYTE_GRAY:
				return new ImageInput(name, w, h, 8, List.of(band(ras, 0)));
			case BufferedImage.TYPE_USHORT_GRAY:
				return new ImageInput(name, w, h, 16, List.of(band(ras, 0)));
			case BufferedImage.TYPE_3BYTE_BGR:
				return rgb(name, w, h, band(ras, 0), band(ras, 1), band(ras, 2), jpeg);
			case BufferedImage.TYPE_4BYTE_ABGR:
				if (opaque(ras)) return rgb(name, w, h, band(ras, 0), band(ras, 1), band(ras, 2), false);
				return onWhite(bi, name);
			case BufferedImage.TYPE_BYTE_INDEXED:
			case BufferedImage.TYPE_BYTE_BINARY:
				return cm instanceof IndexColorModel ? palette(ras, (IndexColorModel) cm, name) : null;
			case BufferedImage.TYPE_CUSTOM:
				return greyAlpha(ras, cm, name);
			default:
				return null;
		}
	}

	/** One band of an interleaved or banded byte/ushort raster as floats (unsigned). */
	private static float[] band(Raster ras, int b) {
		ComponentSampleModel sm = (ComponentSampleModel) ras.getSampleModel();
		int w = ras.getWidth(), h = ras.getHeight();
		int ps = sm.getPixelStride(), ss = sm.getScanlineStride();
		DataBuffer db = ras.getDataBuffer();
		int bank = sm.getBankIndices()[b];
		int off = db.getOffsets()[bank] + sm.getBandOffsets()[b];
		float[] out = new float[w * h];
		if (db instanceof DataBufferByte) {
			byte[] d = ((DataBufferByte) db).getData(bank);
			for (int y = 0, o = 0; y < h; y++) {
				for (int x = 0, i = off + y * ss; x < w; x++, i += ps) out[o++] = d[i] & 0xff;
			}
		} else {
			short[] d = ((DataBufferUShort) db).getData(bank);
			for (int y = 0, o = 0; y < h; y++) {
				for (int x = 0, i = off + y * ss; x < w; x++, i += ps) out[o++] = d[i] & 0xffff;
			}
		}
		return out;
	}

	/** True when the alpha band of a TYPE_4BYTE_ABGR raster (band 3; bands are R, G, B, A) is all 255. */
	private static boolean opaque(Raster ras) {
		float[] a = band(ras, 3);
		for (float v : a) if (v != 255f) return false;
		return true;
	}

	private static ImageInput rgb(String name, int w, int h, float[] r, float[] g, float[] b, boolean greyJpegTo8Bits) {
		if (greyJpegTo8Bits && !Prefs.openGrayscaleJpegsAsRGB) {
			boolean grey = true;
			for (int i = 0; i < r.length && grey; i++) grey = r[i] == g[i] && g[i] == b[i];
			// ImageJ opens an all-grey JPEG as 8-bit (Opener.convertGrayJpegTo8Bits)
			if (grey) return new ImageInput(name, w, h, 8, List.of(r));
		}
		return new ImageInput(name, w, h, 24, List.of(r, g, b));
	}

	/** Translucent RGBA, drawn onto a white RGB image exactly as ImageJ's Opener.openUsingImageIO does. */
	private static ImageInput onWhite(BufferedImage bi, String name) {
		int w = bi.getWidth(), h = bi.getHeight();
		BufferedImage rgb = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
		Graphics g = rgb.getGraphics();
		try {
			g.setColor(Color.white);
			g.fillRect(0, 0, w, h);
			g.drawImage(bi, 0, 0, null);
		} finally {
			g.dispose();
		}
		int[] px = ((DataBufferInt) rgb.getRaster().getDataBuffer()).getData();
		float[] r = new float[w * h], gr = new float[r.length], b = new float[r.length];
		for (int i = 0; i < r.length; i++) {
			int v = px[i];
			r[i] = (v >> 16) & 0xff;
			gr[i] = (v >> 8) & 0xff;
			b[i] = v & 0xff;
		}
		return new ImageInput(name, w, h, 24, List.of(r, gr, b));
	}

	/** A colour palette without transparency, mapped to RGB; grey or translucent palettes go to ImageJ. */
	private static ImageInput palette(Raster ras, IndexColorModel icm, String name) {
		if (icm.hasAlpha()) return null;
		int size = icm.getMapSize();
		int[] lut = new int[256];
		boolean colour = false;
		for (int i = 0; i < Math.min(size, 256); i++) {
			int v = icm.getRGB(i) & 0xffffff;
			lut[i] = v;
			int r = v >> 16, g = (v >> 8) & 0xff, b = v & 0xff;
			if (r != g || g != b) colour = true;
		}
		if (!colour || size > 256) return null;
		int w = ras.getWidth(), h = ras.getHeight();
		int[] idx = ras.getSamples(0, 0, w, h, 0, (int[]) null);
		float[] r = new float[w * h], g = new float[r.length], b = new float[r.length];
		for (int i = 0; i < r.length; i++) {
			int v = lut[idx[i] & 0xff];
			r[i] = v >> 16;
			g[i] = (v >> 8) & 0xff;
			b[i] = v & 0xff;
		}
		return new ImageInput(name, w, h, 24, List.of(r, g, b));
	}

	/** Grey + alpha (8 or 16 bits): the grey samples, as they are in the file. */
	private static ImageInput greyAlpha(Raster ras, ColorModel cm, String name) {
		if (ras.getNumBands() != 2 || !cm.hasAlpha() || cm.getColorSpace().getType() != ColorSpace.TYPE_GRAY
				|| !(ras.getSampleModel() instanceof ComponentSampleModel)) {
			return null;
		}
		int type = ras.getDataBuffer().getDataType();
		if (type != DataBuffer.TYPE_BYTE && type != DataBuffer.TYPE_USHORT) return null;
		return new ImageInput(name, ras.getWidth(), ras.getHeight(), type == DataBuffer.TYPE_BYTE ? 8 : 16, List.of(band(ras, 0)));
	}
}

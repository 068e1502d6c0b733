package io.github.inceptioncam.image;

import io.github.inceptioncam.inference.ImageInput;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.DataFormatException;
import java.util.zip.Inflater;

/**
 * A small decoder for the common PNGs, straight from the file's bytes into float planes:
 * non-interlaced 8- and 16-bit grey, grey + alpha, 8-bit RGB and opaque 8-bit RGBA, without a
 * transparency ({@code tRNS}) or ICC profile ({@code iCCP}) chunk. {@code javax.imageio} gives the same
 * samples for these (a test compares them with ImageJ's), but copies 16-bit samples one pixel at a time;
 * anything else returns null and goes through {@code javax.imageio}.
 */
final class PngDecoder {
	private static final byte[] SIGNATURE = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'};

	private PngDecoder() {}

	static boolean isPng(byte[] b) {
		if (b.length < SIGNATURE.length) return false;
		for (int i = 0; i < SIGNATURE.length; i++) if (b[i] != SIGNATURE[i]) return false;
		return true;
	}

	/** The planes of a PNG file's bytes, or null when this decoder does not handle it (or it is damaged). */
	static ImageInput decode(byte[] b, String name) {
		if (!isPng(b)) return null;
		int p = SIGNATURE.length;
		int width = 0, height = 0, depth = 0, colour = -1;
		List<int[]> idat = new ArrayList<>(); // {offset, length} of each IDAT chunk's data
		boolean end = false;
		while (p + 8 <= b.length) {
			long len = readInt(b, p) & 0xffffffffL;
			int type = readInt(b, p + 4);
			int data = p + 8;
			if (len > b.length - data) return null; // truncated
			switch (type) {
				case 0x49484452: // IHDR
					if (len < 13) return null;
					width = readInt(b, data);
					height = readInt(b, data + 4);
					depth = b[data + 8] & 0xff;
					colour = b[data + 9] & 0xff;
					if (b[data + 10] != 0 || b[data + 11] != 0 || b[data + 12] != 0) return null; // compression, filter, interlace
					break;
				case 0x49444154: // IDAT
					idat.add(new int[] {data, (int) len});
					break;
				case 0x74524e53: // tRNS: javax.imageio turns it into alpha
				case 0x69434350: // iCCP: javax.imageio may use the profile
				case 0x504c5445: // PLTE: palettes are left to javax.imageio
					return null;
				case 0x49454e44: // IEND
					end = true;
					break;
				default:
					if ((b[p + 4] & 0x20) == 0) return null; // an unknown critical chunk
			}
			if (end) break;
			p = data + (int) len + 4; // CRC
		}
		if (!end || idat.isEmpty() || ImageLimits.check(width, height) != null) return null;
		int channels;
		switch (colour) {
			case 0: channels = 1; break;
			case 2: channels = 3; break;
			case 4: channels = 2; break;
			case 6: channels = 4; break;
			default: return null;
		}
		if (!(depth == 8 || (depth == 16 && (colour == 0 || colour == 4)))) return null;
		int bpp = channels * depth / 8;
		long rowBytesL = (long) width * bpp;
		if (rowBytesL > Integer.MAX_VALUE / 2 || (rowBytesL + 1) * height > Integer.MAX_VALUE - 16) return null;
		int rowBytes = (int) rowBytesL;
		byte[] raw = new byte[(rowBytes + 1) * height];
		if (!inflate(b, idat, raw)) return null;
		// unfilter in place: each row's filter byte, then rowBytes bytes
		for (int y = 0; y < height; y++) {
			int r = y * (rowBytes + 1), cur = r + 1, prev = r - rowBytes; // prev: first data byte of the row above
			int filter = raw[r];
			boolean first = y == 0;
			switch (filter) {
				case 0:
					break;
				case 1:
					for (int i = bpp; i < rowBytes; i++) raw[cur + i] += raw[cur + i - bpp];
					break;
				case 2:
					if (!first) for (int i = 0; i < rowBytes; i++) raw[cur + i] += raw[prev + i];
					break;
				case 3:
					for (int i = 0; i < rowBytes; i++) {
						int left = i >= bpp ? raw[cur + i - bpp] & 0xff : 0;
						int up = first ? 0 : raw[prev + i] & 0xff;
						raw[cur + i] += (byte) ((left + up) >>> 1);
					}
					break;
				case 4:
					for (int i = 0; i < rowBytes; i++) {
						int left = i >= bpp ? raw[cur + i - bpp] & 0xff : 0;
						int up = first ? 0 : raw[prev + i] & 0xff;
						int ul = first || i < bpp ? 0 : raw[prev + i - bpp] & 0xff;
						int pa = Math.abs(up - ul), pb = Math.abs(left - ul), pc = Math.abs(left + up - 2 * ul);
						int pred = pa <= pb && pa <= pc ? left : pb <= pc ? up : ul;
						raw[cur + i] += (byte) pred;
					}
					break;
				default:
					return null;
			}
		}
		int n = width * height;
		if (depth == 16) {
			float[] grey = new float[n];
			for (int y = 0, o = 0; y < height; y++) {
				for (int x = 0, i = y * (rowBytes + 1) + 1; x < width; x++, i += bpp) {
					grey[o++] = ((raw[i] & 0xff) << 8) | (raw[i + 1] & 0xff);
				}
			}
			return new ImageInput(name, width, height, 16, List.of(grey));
		}
		if (colour == 0 || colour == 4) {
			float[] grey = new float[n];
			for (int y = 0, o = 0; y < height; y++) {
				for (int x = 0, i = y * (rowBytes + 1) + 1; x < width; x++, i += bpp) grey[o++] = raw[i] & 0xff;
			}
			return new ImageInput(name, width, height, 8, List.of(grey));
		}
		float[] red = new float[n], green = new float[n], blue = new float[n];
		for (int y = 0, o = 0; y < height; y++) {
			for (int x = 0, i = y * (rowBytes + 1) + 1; x < width; x++, i += bpp, o++) {
				if (channels == 4 && raw[i + 3] != (byte) 0xff) return null; // translucent: composited like ImageJ elsewhere
				red[o] = raw[i] & 0xff;
				green[o] = raw[i + 1] & 0xff;
				blue[o] = raw[i + 2] & 0xff;
			}
		}
		return new ImageInput(name, width, height, 24, List.of(red, green, blue));
	}

	/** Inflates the concatenated IDAT data into exactly {@code out}; false when it is short or damaged. */
	private static boolean inflate(byte[] b, List<int[]> idat, byte[] out) {
		Inflater inf = new Inflater();
		try {
			int got = 0, chunk = 0;
			while (got < out.length) {
				if (inf.needsInput()) {
					if (chunk == idat.size()) return false;
					int[] c = idat.get(chunk++);
					inf.setInput(b, c[0], c[1]);
					continue;
				}
				if (inf.finished() || inf.needsDictionary()) return false;
				got += inf.inflate(out, got, out.length - got);
			}
			return true;
		} catch (DataFormatException e) {
			return false;
		} finally {
			inf.end();
		}
	}

	private static int readInt(byte[] b, int p) {
		return ((b[p] & 0xff) << 24) | ((b[p + 1] & 0xff) << 16) | ((b[p + 2] & 0xff) << 8) | (b[p + 3] & 0xff);
	}
}

package io.github.inceptioncam.testing;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.zip.CRC32;
import java.util.zip.Deflater;
import java.util.zip.DeflaterOutputStream;

/** Image files made byte by byte for the bad-input tests: PNGs of any declared size, TIFF headers without pixels. */
public final class OddImages {
	private OddImages() {}

	/** An 8-bit grey PNG of the given size, all {@code value}; {@code complete} false leaves the pixel data empty. */
	public static byte[] png(int w, int h, int value, boolean complete) throws IOException {
		ByteArrayOutputStream file = new ByteArrayOutputStream();
		file.write(new byte[] {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'});
		ByteArrayOutputStream ihdr = new ByteArrayOutputStream();
		DataOutputStream d = new DataOutputStream(ihdr);
		d.writeInt(w);
		d.writeInt(h);
		d.write(new byte[] {8, 0, 0, 0, 0});
		chunk(file, "IHDR", ihdr.toByteArray());
		ByteArrayOutputStream idat = new ByteArrayOutputStream();
		try (OutputStream z = new DeflaterOutputStream(idat, new Deflater(Deflater.BEST_SPEED))) {
			if (complete || w <= 10_000) {
				byte[] row = new byte[w + 1];
				Arrays.fill(row, 1, row.length, (byte) value);
				for (int y = 0; y < h; y++) z.write(row);
			} else {
				// a huge image: the rows are zeros (filter 0, value 0), deflated in large pieces
				byte[] zeros = new byte[1 << 20];
				long left = (long) (w + 1) * h;
				while (left > 0) {
					int n = (int) Math.min(left, zeros.length);
					z.write(zeros, 0, n);
					left -= n;
				}
			}
		}
		chunk(file, "IDAT", idat.toByteArray());
		chunk(file, "IEND", new byte[0]);
		return file.toByteArray();
	}

	private static void chunk(ByteArrayOutputStream file, String type, byte[] data) throws IOException {
		DataOutputStream d = new DataOutputStream(file);
		d.writeInt(data.length);
		byte[] t = type.getBytes(StandardCharsets.US_ASCII);
		d.write(t);
		d.write(data);
		CRC32 crc = new CRC32();
		crc.update(t);
		crc.update(data);
		d.writeInt((int) crc.getValue());
	}

	/** A little-endian TIFF header and first IFD for an 8-bit w x h image whose pixel data is not in the file. */
	public static byte[] tiffHeader(int w, int h) {
		java.nio.ByteBuffer b = java.nio.ByteBuffer.allocate(8 + 2 + 8 * 12 + 4).order(java.nio.ByteOrder.LITTLE_ENDIAN);
		b.put((byte) 'I').put((byte) 'I').putShort((short) 42).putInt(8);
		b.putShort((short) 8);
		entry(b, 256, 4, w); // ImageWidth (LONG)
		entry(b, 257, 4, h); // ImageLength
		entry(b, 258, 3, 8); // BitsPerSample
		entry(b, 259, 3, 1); // no compression
		entry(b, 262, 3, 1); // BlackIsZero
		entry(b, 273, 4, 4096); // StripOffsets
		entry(b, 278, 4, h); // RowsPerStrip
		entry(b, 279, 4, w * h); // StripByteCounts
		b.putInt(0);
		return b.array();
	}

	private static void entry(java.nio.ByteBuffer b, int tag, int type, int value) {
		b.putShort((short) tag).putShort((short) type).putInt(1);
		if (type == 3) b.putShort((short) value).putShort((short) 0);
		else b.putInt(value);
	}
}

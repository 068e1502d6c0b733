package io.github.inceptioncam.model;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A strict reader (and a small writer) of NumPy's {@code .npy} format, versions 1 and 2: the magic
 * {@code \x93NUMPY}, two version bytes, a little-endian header length (2 bytes in v1, 4 in v2), an ASCII
 * header dict with {@code descr}, {@code fortran_order} and {@code shape}, then the raw C-order data.
 * Types: float32, float64, uint8, uint16, int32, either byte order; anything else is refused.
 */
public final class Npy {
	private static final byte[] MAGIC = {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y'};
	private static final Pattern DESCR = Pattern.compile("'descr'\\s*:\\s*'([<>|=])([a-z])(\\d+)'");
	private static final Pattern FORTRAN = Pattern.compile("'fortran_order'\\s*:\\s*(True|False)");
	private static final Pattern SHAPE = Pattern.compile("'shape'\\s*:\\s*\\(([^)]*)\\)");

	/** The array's shape (C order) and its values as floats. */
	public final long[] shape;
	public final float[] data;

	public Npy(long[] shape, float[] data) {
		this.shape = shape;
		this.data = data;
	}

	/** Parses the bytes of a .npy file; throws IllegalArgumentException with a one-line reason. */
	public static Npy read(byte[] bytes) {
		ByteBuffer in = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
		if (bytes.length < 10) throw new IllegalArgumentException("not a .npy file (too short)");
		for (int i = 0; i < MAGIC.length; i++) if (bytes[i] != MAGIC[i]) throw new IllegalArgumentException("not a .npy file (no \\x93NUMPY magic)");
		int major = bytes[6];
		long headerLen;
		int start;
		if (major == 1) {
			headerLen = in.getShort(8) & 0xffff;
			start = 10;
		} else if (major == 2) {
			if (bytes.length < 12) throw new IllegalArgumentException("not a .npy file (too short)");
			headerLen = in.getInt(8) & 0xffffffffL;
			start = 12;
		} else {
			throw new IllegalArgumentException(".npy format version " + major + " is not supported (1 and 2 are)");
		}
		if (start + headerLen > bytes.length) throw new IllegalArgumentException("damaged .npy file (header longer than the file)");
		String header = new String(bytes, start, (int) headerLen, StandardCharsets.ISO_8859_1);
		Matcher d = DESCR.matcher(header), f = FORTRAN.matcher(header), s = SHAPE.matcher(header);
		if (!d.find() || !f.find() || !s.find()) throw new IllegalArgumentException("damaged .npy header (descr, fortran_order and shape are needed): "
			+ header.replaceAll("\\p{Cntrl}+", " ").trim());
		if (f.group(1).equals("True")) throw new IllegalArgumentException(".npy arrays in Fortran order are not supported; save with C order");
		String type = d.group(2) + d.group(3);
		ByteOrder order = d.group(1).equals(">") ? ByteOrder.BIG_ENDIAN : ByteOrder.LITTLE_ENDIAN;
		int size;
		switch (type) {
			case "f4": case "i4": size = 4; break;
			case "f8": size = 8; break;
			case "u1": size = 1; break;
			case "u2": size = 2; break;
			default: throw new IllegalArgumentException(".npy dtype '" + (d.group(1) + type).replaceAll("\\p{Cntrl}+", " ") + "' is not supported (float32, float64, uint8, uint16, int32 are)");
		}
		String dims = s.group(1).replaceAll("\\p{Cntrl}+", " ").trim(); // quoted in messages: one line
		String[] parts = dims.isEmpty() ? new String[0] : dims.split("\\s*,\\s*");
		int rank = parts.length > 0 && parts[parts.length - 1].isEmpty() ? parts.length - 1 : parts.length;
		long[] shape = new long[rank];
		long count = 1;
		for (int i = 0; i < rank; i++) {
			try {
				shape[i] = Long.parseLong(parts[i].trim().replace("L", ""));
			} catch (NumberFormatException e) {
				throw new IllegalArgumentException("damaged .npy header (shape " + dims + ")");
			}
			if (shape[i] < 0 || shape[i] > Integer.MAX_VALUE) throw new IllegalArgumentException("damaged .npy header (shape " + dims + ")");
			count *= shape[i];
			if (count > Integer.MAX_VALUE) throw new IllegalArgumentException(".npy array too large (shape " + dims + ")");
		}
		int off = (int) (start + headerLen);
		if (count > Integer.MAX_VALUE || bytes.length - off < count * size) {
			throw new IllegalArgumentException("damaged .npy file (" + (bytes.length - off) + " data bytes for " + count + " values of " + size + " bytes)");
		}
		ByteBuffer b = ByteBuffer.wrap(bytes, off, bytes.length - off).slice().order(order);
		float[] v = new float[(int) count];
		for (int i = 0; i < v.length; i++) {
			switch (type) {
				case "f4": v[i] = b.getFloat(i * 4); break;
				case "f8": v[i] = (float) b.getDouble(i * 8); break;
				case "i4": v[i] = b.getInt(i * 4); break;
				case "u1": v[i] = b.get(i) & 0xff; break;
				default: v[i] = b.getShort(i * 2) & 0xffff;
			}
		}
		return new Npy(shape, v);
	}

	/** A little-endian float32 .npy (version 1) of the values. */
	public static byte[] writeFloat32(long[] shape, float[] data) {
		StringBuilder sh = new StringBuilder();
		for (long d : shape) sh.append(d).append(", ");
		String dims = shape.length == 1 ? shape[0] + "," : sh.length() == 0 ? "" : sh.substring(0, sh.length() - 2);
		String header = "{'descr': '<f4', 'fortran_order': False, 'shape': (" + dims + "), }";
		int pad = 64 - (10 + header.length() + 1) % 64;
		StringBuilder h = new StringBuilder(header);
		for (int i = 0; i < pad % 64; i++) h.append(' ');
		h.append('\n');
		byte[] hb = h.toString().getBytes(StandardCharsets.ISO_8859_1);
		ByteBuffer out = ByteBuffer.allocate(10 + hb.length + 4 * data.length).order(ByteOrder.LITTLE_ENDIAN);
		out.put(MAGIC).put((byte) 1).put((byte) 0).putShort((short) hb.length).put(hb);
		for (float f : data) out.putFloat(f);
		return out.array();
	}

	/** Shape as text, e.g. (1, 3, 24, 32). */
	public static String shapeText(long[] shape) {
		StringBuilder sb = new StringBuilder("(");
		for (int i = 0; i < shape.length; i++) sb.append(i > 0 ? ", " : "").append(shape[i]);
		return sb.append(")").toString();
	}
}

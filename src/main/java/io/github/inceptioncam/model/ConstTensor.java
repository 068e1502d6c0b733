package io.github.inceptioncam.model;

import ai.onnx.proto.OnnxMl.TensorProto;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;

/** A constant tensor of the graph (initializer or {@code Constant} node), decoded to doubles. */
public final class ConstTensor {
	private final long[] dims;
	private final double[] values;

	public ConstTensor(long[] dims, double[] values) {
		this.dims = dims.clone();
		this.values = values;
	}

	public long[] dims() {
		return dims.clone();
	}

	public int rank() {
		return dims.length;
	}

	public long dim(int i) {
		return dims[i];
	}

	public int size() {
		return values.length;
	}

	public double get(int i) {
		return values[i];
	}


	public long[] asLongs() {
		long[] out = new long[values.length];
		for (int i = 0; i < out.length; i++) out[i] = (long) values[i];
		return out;
	}

	/** Number of elements implied by the dims (1 for a scalar). */
	public static long elementCount(long[] dims) {
		long n = 1;
		for (long d : dims) n *= d;
		return n;
	}

	/**
	 * Decodes a {@link TensorProto} of a numeric type.
	 *
	 * @throws IllegalArgumentException for external data or an unsupported element type
	 */
	public static ConstTensor decode(TensorProto t) {
		long[] dims = t.getDimsList().stream().mapToLong(Long::longValue).toArray();
		if (t.getDataLocation() == TensorProto.DataLocation.EXTERNAL || t.getExternalDataCount() > 0) {
			throw new IllegalArgumentException("tensor '" + t.getName() + "' keeps its data in an external file");
		}
		for (long d : dims) if (d < 0) throw new IllegalArgumentException("tensor '" + t.getName() + "' has a negative dimension");
		long count = elementCount(dims);
		if (count > Integer.MAX_VALUE / 8) throw new IllegalArgumentException("tensor '" + t.getName() + "' is too large to read");
		int n = (int) count;
		TensorProto.DataType type = TensorProto.DataType.forNumber(t.getDataType());
		if (type == null) throw new IllegalArgumentException("tensor '" + t.getName() + "' has unknown element type " + t.getDataType());
		boolean raw = !t.getRawData().isEmpty();
		ByteBuffer bb = raw ? t.getRawData().asReadOnlyByteBuffer().slice().order(ByteOrder.LITTLE_ENDIAN) : null;
		int stored = raw ? t.getRawData().size() / Math.max(1, elementSize(type)) : storedCount(t, type);
		if (stored < n) {
			throw new IllegalArgumentException("tensor '" + t.getName() + "' holds " + stored + " values for shape " + Arrays.toString(dims));
		}
		double[] v = new double[n];
		switch (type) {
			case FLOAT:
				if (raw) {
					// bulk copy (an intrinsic) rather than one bounds-checked get per element: weights are millions of values
					float[] f = new float[n];
					bb.asFloatBuffer().get(f);
					for (int i = 0; i < n; i++) v[i] = f[i];
				} else {
					for (int i = 0; i < n; i++) v[i] = t.getFloatData(i);
				}
				break;
			case DOUBLE:
				for (int i = 0; i < n; i++) v[i] = raw ? bb.getDouble(8 * i) : t.getDoubleData(i);
				break;
			case INT64:
				for (int i = 0; i < n; i++) v[i] = raw ? bb.getLong(8 * i) : t.getInt64Data(i);
				break;
			case INT32:
				for (int i = 0; i < n; i++) v[i] = raw ? bb.getInt(4 * i) : t.getInt32Data(i);
				break;
			case FLOAT16:
				for (int i = 0; i < n; i++) v[i] = halfToFloat(raw ? bb.getShort(2 * i) : (short) t.getInt32Data(i));
				break;
			default:
				throw new IllegalArgumentException("tensor '" + t.getName() + "' has unsupported element type " + type);
		}
		return new ConstTensor(dims, v);
	}

	private static int elementSize(TensorProto.DataType type) {
		switch (type) {
			case DOUBLE: case INT64: return 8;
			case FLOAT: case INT32: return 4;
			case FLOAT16: return 2;
			default: return 1;
		}
	}

	private static int storedCount(TensorProto t, TensorProto.DataType type) {
		switch (type) {
			case FLOAT: return t.getFloatDataCount();
			case DOUBLE: return t.getDoubleDataCount();
			case INT64: return t.getInt64DataCount();
			default: return t.getInt32DataCount();
		}
	}

	static float halfToFloat(short h) {
		int bits = h & 0xffff;
		int sign = (bits >>> 15) << 31;
		int exp = (bits >>> 10) & 0x1f;
		int mant = bits & 0x3ff;
		if (exp == 0) {
			float f = mant / 1024f * (float) Math.pow(2, -14);
			return sign == 0 ? f : -f;
		}
		if (exp == 31) return Float.intBitsToFloat(sign | 0x7f800000 | (mant << 13));
		return Float.intBitsToFloat(sign | ((exp - 15 + 127) << 23) | (mant << 13));
	}

	@Override
	public String toString() {
		return "ConstTensor" + Arrays.toString(dims);
	}
}

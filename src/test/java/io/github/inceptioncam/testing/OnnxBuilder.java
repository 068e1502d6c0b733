package io.github.inceptioncam.testing;

import ai.onnx.proto.OnnxMl.AttributeProto;
import ai.onnx.proto.OnnxMl.GraphProto;
import ai.onnx.proto.OnnxMl.ModelProto;
import ai.onnx.proto.OnnxMl.NodeProto;
import ai.onnx.proto.OnnxMl.OperatorSetIdProto;
import ai.onnx.proto.OnnxMl.StringStringEntryProto;
import ai.onnx.proto.OnnxMl.TensorProto;
import ai.onnx.proto.OnnxMl.TensorShapeProto;
import ai.onnx.proto.OnnxMl.TypeProto;
import ai.onnx.proto.OnnxMl.ValueInfoProto;
import com.google.protobuf.ByteString;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;

/** Builds small ONNX models in tests with the protobuf classes of tribuo-util-onnx. */
public final class OnnxBuilder {
	private final GraphProto.Builder graph = GraphProto.newBuilder().setName("test");
	private final ModelProto.Builder model = ModelProto.newBuilder().setIrVersion(8).setProducerName("inception-cam-tests");
	private int opset = 13;
	private int counter;

	public OnnxBuilder opset(int v) {
		opset = v;
		return this;
	}

	/** A float input; a dim of -1 becomes symbolic ("N"). */
	public OnnxBuilder input(String name, long... dims) {
		return typedInput(name, TensorProto.DataType.FLOAT_VALUE, dims);
	}

	public OnnxBuilder typedInput(String name, int elemType, long... dims) {
		graph.addInput(valueInfo(name, elemType, dims));
		return this;
	}

	public OnnxBuilder output(String name) {
		graph.addOutput(ValueInfoProto.newBuilder().setName(name)
			.setType(TypeProto.newBuilder().setTensorType(TypeProto.Tensor.newBuilder().setElemType(TensorProto.DataType.FLOAT_VALUE))));
		return this;
	}

	public OnnxBuilder metadata(String key, String value) {
		model.addMetadataProps(StringStringEntryProto.newBuilder().setKey(key).setValue(value));
		return this;
	}

	public OnnxBuilder init(String name, float[] data, long... dims) {
		ByteBuffer bb = ByteBuffer.allocate(data.length * 4).order(ByteOrder.LITTLE_ENDIAN);
		for (float f : data) bb.putFloat(f);
		TensorProto.Builder t = TensorProto.newBuilder().setName(name).setDataType(TensorProto.DataType.FLOAT_VALUE)
			.setRawData(ByteString.copyFrom(bb.array()));
		for (long d : dims) t.addDims(d);
		graph.addInitializer(t);
		return this;
	}

	public OnnxBuilder initLongs(String name, long[] data, long... dims) {
		TensorProto.Builder t = TensorProto.newBuilder().setName(name).setDataType(TensorProto.DataType.INT64_VALUE);
		for (long v : data) t.addInt64Data(v);
		for (long d : dims) t.addDims(d);
		graph.addInitializer(t);
		return this;
	}

	/** A random float initializer, values in [-scale, scale]. */
	public OnnxBuilder randomInit(String name, Random rnd, double scale, long... dims) {
		long n = 1;
		for (long d : dims) n *= d;
		float[] v = new float[(int) n];
		for (int i = 0; i < v.length; i++) v[i] = (float) ((rnd.nextDouble() * 2 - 1) * scale);
		return init(name, v, dims);
	}

	/** Adds a node; attributes as name/value pairs (Long, Float, String, long[] or float[]). */
	public OnnxBuilder node(String op, String[] inputs, String[] outputs, Object... attrs) {
		NodeProto.Builder n = NodeProto.newBuilder().setOpType(op).setName(op.toLowerCase() + "_" + (counter++));
		for (String i : inputs) n.addInput(i);
		for (String o : outputs) n.addOutput(o);
		for (int i = 0; i < attrs.length; i += 2) n.addAttribute(attr((String) attrs[i], attrs[i + 1]));
		graph.addNode(n);
		return this;
	}

	public OnnxBuilder node(String op, String input, String output, Object... attrs) {
		return node(op, new String[] {input}, new String[] {output}, attrs);
	}

	public ModelProto proto() {
		return model.clone().setGraph(graph.clone())
			.addOpsetImport(OperatorSetIdProto.newBuilder().setDomain("").setVersion(opset)).build();
	}

	public byte[] bytes() {
		return proto().toByteArray();
	}

	public Path write(Path file) throws IOException {
		Files.write(file, bytes());
		return file;
	}

	private static AttributeProto attr(String name, Object v) {
		AttributeProto.Builder a = AttributeProto.newBuilder().setName(name);
		if (v instanceof Long || v instanceof Integer) {
			a.setType(AttributeProto.AttributeType.INT).setI(((Number) v).longValue());
		} else if (v instanceof Float || v instanceof Double) {
			a.setType(AttributeProto.AttributeType.FLOAT).setF(((Number) v).floatValue());
		} else if (v instanceof String) {
			a.setType(AttributeProto.AttributeType.STRING).setS(ByteString.copyFromUtf8((String) v));
		} else if (v instanceof long[]) {
			a.setType(AttributeProto.AttributeType.INTS);
			for (long x : (long[]) v) a.addInts(x);
		} else if (v instanceof float[]) {
			a.setType(AttributeProto.AttributeType.FLOATS);
			for (float x : (float[]) v) a.addFloats(x);
		} else {
			throw new IllegalArgumentException("attribute type " + v.getClass());
		}
		return a.build();
	}

	private static ValueInfoProto valueInfo(String name, int elemType, long... dims) {
		TensorShapeProto.Builder s = TensorShapeProto.newBuilder();
		for (long d : dims) {
			if (d < 0) s.addDim(TensorShapeProto.Dimension.newBuilder().setDimParam("N"));
			else s.addDim(TensorShapeProto.Dimension.newBuilder().setDimValue(d));
		}
		return ValueInfoProto.newBuilder().setName(name)
			.setType(TypeProto.newBuilder().setTensorType(TypeProto.Tensor.newBuilder().setElemType(elemType).setShape(s))).build();
	}
}

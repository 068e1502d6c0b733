package io.github.inceptioncam.inference;

import ai.onnx.proto.OnnxMl.AttributeProto;
import ai.onnx.proto.OnnxMl.GraphProto;
import ai.onnx.proto.OnnxMl.ModelProto;
import ai.onnx.proto.OnnxMl.NodeProto;
import ai.onnx.proto.OnnxMl.OperatorSetIdProto;
import ai.onnx.proto.OnnxMl.TensorProto;
import ai.onnx.proto.OnnxMl.TensorShapeProto;
import ai.onnx.proto.OnnxMl.TypeProto;
import ai.onnx.proto.OnnxMl.ValueInfoProto;
import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import io.github.inceptioncam.cam.FeatureMap;
import io.github.inceptioncam.model.CamHead;
import io.github.inceptioncam.model.Layout;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;
import java.util.Map;

/**
 * The raw maps of every class of a linear head ({@code M = W A}, classes x channels times channels x
 * pixels) as one matrix product in ONNX Runtime, for when maps of many classes are asked for: for 1,000
 * classes of a 2,048-channel 8x8 map that is 131 million multiply-adds, which ONNX Runtime's matrix
 * product does in a few milliseconds. It sums in single precision (the Java path, {@code CamMaps.raw}, in
 * double); the maps' identity check is the same either way. Thread-safe: ONNX Runtime sessions may run
 * concurrently.
 */
final class ClassMapGemm implements AutoCloseable {
	/** From this many requested classes on, the maps of a linear head are made here. */
	static final int MIN_CLASSES = 32;

	private final OrtSession session;
	/** The head's weights, made once: an input of every run, so that the session holds no 8 MB initializer. */
	private final OnnxTensor weights;
	private final Layout layout;
	private final int classes;
	private final int channels;

	private ClassMapGemm(OrtSession session, OnnxTensor weights, Layout layout, int classes, int channels) {
		this.session = session;
		this.weights = weights;
		this.layout = layout;
		this.classes = classes;
		this.channels = channels;
	}

	/**
	 * A session for feature maps in the head's layout, with the head's weights as a tensor. The graph is one
	 * MatMul of two inputs, so opening it is quick (with the weights as an initializer, ONNX Runtime took about
	 * 100 ms to open the session of a 1,000 x 2,048 head).
	 */
	static ClassMapGemm open(CamHead head, OrtSession.SessionOptions options) throws OrtException {
		if (head.kind() != CamHead.Kind.LINEAR) throw new IllegalArgumentException("not a linear head: " + head.kind());
		double[][] w = head.weights();
		int c = w.length, k = head.channels();
		float[] values = new float[c * k];
		for (int i = 0; i < c; i++) {
			for (int j = 0; j < k; j++) values[i * k + j] = (float) w[i][j];
		}
		FloatBuffer buffer = ByteBuffer.allocateDirect(4 * values.length).order(ByteOrder.nativeOrder()).asFloatBuffer();
		buffer.put(values).flip();
		OnnxTensor t = OnnxTensor.createTensor(OrtRuntime.environment(), buffer, new long[] {c, k});
		try {
			OrtSession s = OrtRuntime.environment().createSession(model(c, k, head.featureLayout()).toByteArray(), options);
			return new ClassMapGemm(s, t, head.featureLayout(), c, k);
		} catch (OrtException | RuntimeException e) {
			t.close();
			throw e;
		}
	}

	/**
	 * {@code maps[C, P] = MatMul(w[C, K], a[K, P])}, where P (the pixel count) is left free and both are
	 * inputs; an NHWC feature map {@code [P, K]} is transposed first. The weights are MatMul's first operand
	 * either way: as the second, with no initializer for ONNX Runtime to pre-pack, the product was slower (4.6
	 * against 4.0 ms for a 1,000 x 2,048 head over 8x8 pixels, one measurement on a busy 2-core machine).
	 */
	static ModelProto model(int c, int k, Layout layout) {
		boolean nchw = layout == Layout.NCHW;
		GraphProto.Builder graph = GraphProto.newBuilder().setName("class_maps");
		if (!nchw) {
			graph.addNode(NodeProto.newBuilder().setOpType("Transpose").setName("channels_first").addInput("a").addOutput("a_kp")
				.addAttribute(AttributeProto.newBuilder().setName("perm").setType(AttributeProto.AttributeType.INTS).addInts(1).addInts(0))
				.build());
		}
		graph.addNode(NodeProto.newBuilder().setOpType("MatMul").setName("maps").addInput("w").addInput(nchw ? "a" : "a_kp").addOutput("maps"))
			.addInput(floatInput("w", dim(c), dim(k)))
			.addInput(floatInput("a", nchw ? dim(k) : dim("pixels"), nchw ? dim("pixels") : dim(k)))
			.addOutput(floatInput("maps", dim(c), dim("pixels")));
		return ModelProto.newBuilder().setIrVersion(8).setProducerName("inception-cam")
			.addOpsetImport(OperatorSetIdProto.newBuilder().setDomain("").setVersion(13)).setGraph(graph).build();
	}

	private static TensorShapeProto.Dimension dim(long v) {
		return TensorShapeProto.Dimension.newBuilder().setDimValue(v).build();
	}

	private static TensorShapeProto.Dimension dim(String name) {
		return TensorShapeProto.Dimension.newBuilder().setDimParam(name).build();
	}

	private static ValueInfoProto floatInput(String name, TensorShapeProto.Dimension rows, TensorShapeProto.Dimension cols) {
		TypeProto.Tensor t = TypeProto.Tensor.newBuilder().setElemType(TensorProto.DataType.FLOAT.getNumber())
			.setShape(TensorShapeProto.newBuilder().addDim(rows).addDim(cols)).build();
		return ValueInfoProto.newBuilder().setName(name).setType(TypeProto.newBuilder().setTensorType(t)).build();
	}

	/** The raw map of each requested class, row-major at feature resolution, as the Java path returns them. */
	double[][] maps(FeatureMap f, int[] wanted) throws OrtException {
		if (f.channels() != channels || f.layout() != layout) {
			throw new IllegalArgumentException("feature map " + f.channels() + " channels " + f.layout() + ", head " + channels + " " + layout);
		}
		int p = f.height() * f.width();
		boolean nchw = layout == Layout.NCHW;
		long[] shape = nchw ? new long[] {channels, p} : new long[] {p, channels};
		FloatBuffer in = f.values();
		try (OnnxTensor a = OnnxTensor.createTensor(OrtRuntime.environment(), in, shape);
				OrtSession.Result r = session.run(Map.of("w", weights, "a", a))) {
			FloatBuffer out = ((OnnxTensor) r.get(0)).getFloatBuffer();
			double[][] maps = new double[wanted.length][];
			for (int i = 0; i < wanted.length; i++) {
				int c = wanted[i];
				if (c < 0 || c >= classes) throw new IllegalArgumentException("class " + c + " outside the " + classes + " classes");
				double[] m = new double[p];
				for (int q = 0; q < p; q++) m[q] = out.get(c * p + q);
				maps[i] = m;
			}
			return maps;
		}
	}

	@Override
	public void close() throws OrtException {
		try {
			session.close();
		} finally {
			weights.close();
		}
	}
}

package io.github.inceptioncam.model;

import ai.onnx.proto.OnnxMl.NodeProto;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Multiply-accumulates and parameters of each {@code Conv}, {@code Gemm} and {@code MatMul} node for
 * one image: a convolution costs output elements x kernel area x input channels / groups. Shapes come
 * from one probe run of the model.
 */
public final class ModelCost {
	/** One costed node. */
	public static final class Layer {
		public final String name;
		public final String op;
		public final long[] outputShape;
		public final long macs;
		public final long params;

		Layer(String name, String op, long[] outputShape, long macs, long params) {
			this.name = name;
			this.op = op;
			this.outputShape = outputShape;
			this.macs = macs;
			this.params = params;
		}
	}

	private final List<Layer> layers;
	private final long totalMacs;
	private final long totalParams;

	private ModelCost(List<Layer> layers) {
		this.layers = Collections.unmodifiableList(layers);
		long m = 0, p = 0;
		for (Layer l : layers) {
			m += l.macs;
			p += l.params;
		}
		totalMacs = m;
		totalParams = p;
	}

	public List<Layer> layers() {
		return layers;
	}

	public long totalMacs() {
		return totalMacs;
	}

	public long totalParams() {
		return totalParams;
	}

	public static ModelCost analyse(InceptionModel model) throws ModelException {
		OnnxGraph g = model.graph();
		Set<String> wanted = new LinkedHashSet<>();
		for (NodeProto n : g.nodes()) {
			if (isCosted(n)) {
				wanted.add(n.getOutput(0));
				if (n.getOpType().equals("MatMul")) wanted.add(n.getInput(0));
			}
		}
		Map<String, long[]> shapes = wanted.isEmpty() ? Map.of()
			: model.probeShapes(wanted);
		List<Layer> layers = new ArrayList<>();
		for (NodeProto n : g.nodes()) {
			if (!isCosted(n)) continue;
			long[] out = shapes.get(n.getOutput(0));
			String name = n.getName().isEmpty() ? n.getOutput(0) : n.getName();
			long outElems = out == null ? 0 : ConstTensor.elementCount(out);
			long macs = 0, params = 0;
			switch (n.getOpType()) {
				case "Conv": {
					Optional<ConstTensor> w = g.constant(n.getInput(1));
					if (w.isPresent()) {
						long[] d = w.get().dims();
						long area = 1;
						for (int i = 2; i < d.length; i++) area *= d[i];
						macs = outElems * area * d[1];
						params = w.get().size() + biasSize(g, n, 2);
					}
					break;
				}
				case "Gemm": {
					long transA = OnnxGraph.intAttr(n, "transA", 0);
					Optional<ConstTensor> a = g.constant(n.getInput(0)), b = g.constant(n.getInput(1));
					long k;
					if (b.isPresent()) k = OnnxGraph.intAttr(n, "transB", 0) != 0 ? b.get().dim(1) : b.get().dim(0);
					else if (a.isPresent()) k = transA != 0 ? a.get().dim(0) : a.get().dim(1);
					else k = 0;
					macs = outElems * k;
					params = (a.isPresent() ? a.get().size() : 0) + (b.isPresent() ? b.get().size() : 0) + biasSize(g, n, 2);
					break;
				}
				default: { // MatMul
					long[] in = shapes.get(n.getInput(0));
					long k = in == null || in.length == 0 ? 0 : in[in.length - 1];
					macs = outElems * k;
					for (int i = 0; i < 2; i++) params += g.constant(n.getInput(i)).map(ConstTensor::size).orElse(0);
					break;
				}
			}
			layers.add(new Layer(name, n.getOpType(), out, macs, params));
		}
		return new ModelCost(layers);
	}

	private static boolean isCosted(NodeProto n) {
		String op = n.getOpType();
		return op.equals("Conv") || op.equals("Gemm") || op.equals("MatMul");
	}

	private static long biasSize(OnnxGraph g, NodeProto n, int index) {
		if (n.getInputCount() <= index || n.getInput(index).isEmpty()) return 0;
		return g.constant(n.getInput(index)).map(ConstTensor::size).orElse(0);
	}
}

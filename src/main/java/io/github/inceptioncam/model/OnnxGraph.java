package io.github.inceptioncam.model;

import ai.onnx.proto.OnnxMl.AttributeProto;
import ai.onnx.proto.OnnxMl.GraphProto;
import ai.onnx.proto.OnnxMl.ModelProto;
import ai.onnx.proto.OnnxMl.NodeProto;
import ai.onnx.proto.OnnxMl.OperatorSetIdProto;
import ai.onnx.proto.OnnxMl.TensorProto;
import ai.onnx.proto.OnnxMl.TensorShapeProto;
import ai.onnx.proto.OnnxMl.ValueInfoProto;
import com.google.protobuf.InvalidProtocolBufferException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Read-only index over an ONNX graph: who produces and who consumes each tensor, which tensors are
 * constants, node attributes and the depth of each node from the graph inputs.
 */
public final class OnnxGraph {
	private final ModelProto model;
	private final GraphProto graph;
	private final Map<String, NodeProto> producer = new HashMap<>();
	private final Map<String, List<NodeProto>> consumers = new HashMap<>();
	private final Map<String, TensorProto> initializers = new HashMap<>();
	private final Map<String, ConstTensor> constCache = new HashMap<>();
	private final Map<NodeProto, Integer> depth = new HashMap<>();
	private final List<ValueInfoProto> realInputs = new ArrayList<>();

	public OnnxGraph(ModelProto model) {
		this.model = model;
		this.graph = model.getGraph();
		for (TensorProto t : graph.getInitializerList()) initializers.put(t.getName(), t);
		for (NodeProto n : graph.getNodeList()) {
			for (String o : n.getOutputList()) if (!o.isEmpty()) producer.put(o, n);
			for (String i : n.getInputList()) {
				if (!i.isEmpty()) consumers.computeIfAbsent(i, k -> new ArrayList<>()).add(n);
			}
		}
		for (ValueInfoProto vi : graph.getInputList()) {
			if (!initializers.containsKey(vi.getName())) realInputs.add(vi);
		}
	}

	/** Parses serialized ONNX bytes; the message says what is wrong, without naming the file. */
	public static ModelProto parse(byte[] bytes) throws InvalidProtocolBufferException {
		return parse(ModelBytes.of(bytes));
	}

	/**
	 * Parses serialized ONNX bytes with aliasing: tensor data in the parsed graph shares the given
	 * bytes instead of being copied, so a model costs little heap beyond its graph structure.
	 */
	public static ModelProto parse(ModelBytes bytes) throws InvalidProtocolBufferException {
		com.google.protobuf.CodedInputStream in = bytes.byteString().newCodedInput();
		in.enableAliasing(true);
		in.setSizeLimit(Integer.MAX_VALUE);
		try {
			return ModelProto.parseFrom(in);
		} catch (InvalidProtocolBufferException e) {
			throw e;
		} catch (java.io.IOException e) {
			throw new InvalidProtocolBufferException(e);
		}
	}

	public ModelProto model() {
		return model;
	}

	public GraphProto graph() {
		return graph;
	}

	/** Graph inputs that are not initializers: what the caller must feed. */
	public List<ValueInfoProto> inputs() {
		return Collections.unmodifiableList(realInputs);
	}

	public List<ValueInfoProto> outputs() {
		return graph.getOutputList();
	}

	public List<NodeProto> nodes() {
		return graph.getNodeList();
	}

	public NodeProto producer(String tensor) {
		return producer.get(tensor);
	}

	public List<NodeProto> consumers(String tensor) {
		return consumers.getOrDefault(tensor, Collections.emptyList());
	}


	/** Default-domain opset version (0 when absent). */
	public long opset() {
		for (OperatorSetIdProto o : model.getOpsetImportList()) {
			if (o.getDomain().isEmpty() || o.getDomain().equals("ai.onnx")) return o.getVersion();
		}
		return 0;
	}

	/**
	 * The value of a constant tensor: an initializer, the output of a {@code Constant} node, or either
	 * of those seen through {@code Identity} or a 2-D {@code Transpose}.
	 */
	public Optional<ConstTensor> constant(String tensor) {
		if (tensor == null || tensor.isEmpty()) return Optional.empty();
		if (constCache.containsKey(tensor)) return Optional.ofNullable(constCache.get(tensor));
		ConstTensor value = null;
		TensorProto init = initializers.get(tensor);
		NodeProto p = producer.get(tensor);
		if (init != null) {
			value = ConstTensor.decode(init);
		} else if (p != null && p.getOpType().equals("Constant")) {
			for (AttributeProto a : p.getAttributeList()) {
				switch (a.getName()) {
					case "value": value = ConstTensor.decode(a.getT()); break;
					case "value_float": value = new ConstTensor(new long[0], new double[] {a.getF()}); break;
					case "value_int": value = new ConstTensor(new long[0], new double[] {a.getI()}); break;
					case "value_floats":
						value = new ConstTensor(new long[] {a.getFloatsCount()}, a.getFloatsList().stream().mapToDouble(Float::doubleValue).toArray());
						break;
					case "value_ints":
						value = new ConstTensor(new long[] {a.getIntsCount()}, a.getIntsList().stream().mapToDouble(Long::doubleValue).toArray());
						break;
					default: break;
				}
			}
		} else if (p != null && p.getOpType().equals("Identity")) {
			value = constant(p.getInput(0)).orElse(null);
		} else if (p != null && p.getOpType().equals("Transpose")) {
			ConstTensor in = constant(p.getInput(0)).orElse(null);
			long[] perm = ints(p, "perm");
			if (in != null && in.rank() == 2 && (perm == null || (perm[0] == 1 && perm[1] == 0))) {
				int r = (int) in.dim(0), c = (int) in.dim(1);
				double[] t = new double[r * c];
				for (int i = 0; i < r; i++) for (int j = 0; j < c; j++) t[j * r + i] = in.get(i * c + j);
				value = new ConstTensor(new long[] {c, r}, t);
			}
		}
		constCache.put(tensor, value);
		return Optional.ofNullable(value);
	}

	public boolean isConstant(String tensor) {
		return constant(tensor).isPresent();
	}

	public static AttributeProto attribute(NodeProto n, String name) {
		for (AttributeProto a : n.getAttributeList()) if (a.getName().equals(name)) return a;
		return null;
	}

	public static long intAttr(NodeProto n, String name, long dflt) {
		AttributeProto a = attribute(n, name);
		return a == null ? dflt : a.getI();
	}

	public static float floatAttr(NodeProto n, String name, float dflt) {
		AttributeProto a = attribute(n, name);
		return a == null ? dflt : a.getF();
	}

	public static String stringAttr(NodeProto n, String name, String dflt) {
		AttributeProto a = attribute(n, name);
		return a == null ? dflt : a.getS().toStringUtf8();
	}

	/** An INTS attribute, or null when absent. */
	public static long[] ints(NodeProto n, String name) {
		AttributeProto a = attribute(n, name);
		return a == null ? null : a.getIntsList().stream().mapToLong(Long::longValue).toArray();
	}

	/** A readable name for a node: its name, or its op type and first output. */
	public static String describe(NodeProto n) {
		String name = n.getName().isEmpty() ? n.getOutput(0) : n.getName();
		return n.getOpType() + " '" + name + "'";
	}

	/** Longest path, in nodes, from any graph input to this node (Kahn order, so any node order works). */
	public int depth(NodeProto node) {
		if (depth.isEmpty()) computeDepths();
		return depth.getOrDefault(node, 0);
	}

	private void computeDepths() {
		Map<NodeProto, Integer> pending = new HashMap<>();
		List<NodeProto> ready = new ArrayList<>();
		for (NodeProto n : graph.getNodeList()) {
			int k = 0;
			for (String in : n.getInputList()) if (producer.containsKey(in)) k++;
			pending.put(n, k);
			if (k == 0) ready.add(n);
		}
		for (int i = 0; i < ready.size(); i++) {
			NodeProto n = ready.get(i);
			int best = 0;
			for (String in : n.getInputList()) {
				NodeProto p = producer.get(in);
				if (p != null) best = Math.max(best, depth.getOrDefault(p, 0));
			}
			depth.put(n, best + 1);
			for (String out : n.getOutputList()) {
				for (NodeProto c : consumers(out)) {
					int left = pending.merge(c, -1, Integer::sum);
					if (left == 0) ready.add(c);
				}
			}
		}
	}

	/** Declared dims of a value info; -1 for a symbolic or missing dim; null when no shape is given. */
	public static long[] declaredDims(ValueInfoProto vi) {
		if (!vi.getType().hasTensorType() || !vi.getType().getTensorType().hasShape()) return null;
		TensorShapeProto s = vi.getType().getTensorType().getShape();
		long[] d = new long[s.getDimCount()];
		for (int i = 0; i < d.length; i++) {
			TensorShapeProto.Dimension dim = s.getDim(i);
			d[i] = dim.hasDimValue() && dim.getDimValue() > 0 ? dim.getDimValue() : -1;
		}
		return d;
	}

	/** Element type of a value info, as {@link TensorProto.DataType} number (0 when unknown). */
	public static int elemType(ValueInfoProto vi) {
		return vi.getType().hasTensorType() ? vi.getType().getTensorType().getElemType() : 0;
	}
}

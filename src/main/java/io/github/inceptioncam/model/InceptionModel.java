package io.github.inceptioncam.model;

import ai.onnx.proto.OnnxMl.ModelProto;
import ai.onnx.proto.OnnxMl.NodeProto;
import ai.onnx.proto.OnnxMl.TensorProto;
import ai.onnx.proto.OnnxMl.ValueInfoProto;
import com.google.protobuf.InvalidProtocolBufferException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A classifier model read from disk or from the jar: the parsed graph, its metadata, the main output
 * and CAM head found in it, and the CAM-ready rewrite to hand to the inference engine.
 */
public final class InceptionModel {
	/** Resource folder of the model built into the jar. */
	public static final String BUILTIN_DIR = "/io/github/inceptioncam/models/";
	/** File name of the built-in model inside {@link #BUILTIN_DIR}. */
	public static final String BUILTIN_NAME = "inception-cam-demo.onnx";

	/** Files at least this large are copied for ONNX Runtime in the background while being analysed. */
	private static final int STAGE_THRESHOLD = 4 * 1024 * 1024;

	/** Ops whose input shape the head search may ask for (poolings, flattens), and ops of head vectors. */
	private static final Set<String> SHAPE_OF_INPUT = Set.of("AveragePool", "ReduceMean", "Flatten", "Reshape", "Transpose", "Squeeze");
	private static final Set<String> SHAPE_OF_OUTPUT = Set.of("Gemm", "MatMul", "Add", "Mul", "Sub", "Div", "BatchNormalization",
		"Relu", "LeakyRelu", "PRelu", "Sigmoid", "Tanh");

	private final String displayName;
	private final Path path;
	private final ModelBytes bytes;
	private final OnnxGraph graph;
	private final ModelMetadata metadata;
	private final HeadSearchResult head;
	private final String inputName;
	private final long[] declaredInput;
	private BioimagePackage bioimage;

	private InceptionModel(String displayName, Path path, ModelBytes bytes, OnnxGraph graph, ModelMetadata metadata,
			HeadSearchResult head, String inputName, long[] declaredInput) {
		this.displayName = displayName;
		this.path = path;
		this.bytes = bytes;
		this.graph = graph;
		this.metadata = metadata;
		this.head = head;
		this.inputName = inputName;
		this.declaredInput = declaredInput;
	}

	/** What the caller wants to override in the model's own metadata (all optional). */
	public static final class Overrides {
		public Path labels;
		public double[] mean;
		public double[] std;

		public boolean isEmpty() {
			return labels == null && mean == null && std == null;
		}
	}

	/** Loads the model at {@code path}, or the built-in model when path is null. */
	public static InceptionModel load(Path path, Overrides overrides) throws ModelException {
		if (path == null) return loadBuiltin(overrides);
		String name = path.toString();
		if (BioimagePackage.isPackage(path)) {
			BioimagePackage pkg = BioimagePackage.open(path);
			ModelBytes w = pkg.weights();
			InceptionModel m = fromBytes(w, name, path, pkg.sidecarJson(), null, overrides, pkg);
			m.bioimage = pkg;
			return m;
		}
		ModelBytes bytes;
		try {
			if (Files.isDirectory(path)) {
				throw new ModelException(name + ": is a folder without rdf.yaml; give the .onnx file itself or a bioimage.io package");
			}
			if (Files.exists(path) && !Files.isRegularFile(path)) {
				// a pipe or a device: opening it could block forever
				throw new ModelException(name + ": is not a regular file (a pipe or a device); give the .onnx file itself");
			}
			if (Files.exists(path) && !Files.isReadable(path)) {
				throw new ModelException(name + ": cannot be read (permission denied); make it readable (chmod a+r) or copy it");
			}
			bytes = ModelBytes.map(path);
			if (bytes.size() >= STAGE_THRESHOLD) bytes.stageCopy(path);
		} catch (NoSuchFileException e) {
			throw new ModelException(name + ": no such file; check the model path");
		} catch (IOException e) {
			throw new ModelException(name + ": cannot be read (" + e.getMessage() + ")");
		}
		return fromBytes(bytes, name, path, null, null, overrides, null);
	}

	public static boolean hasBuiltin() {
		return InceptionModel.class.getResource(BUILTIN_DIR + BUILTIN_NAME) != null;
	}

	private static InceptionModel loadBuiltin(Overrides overrides) throws ModelException {
		byte[] bytes = resource(BUILTIN_NAME);
		if (bytes == null) {
			throw new ModelException("no model given and this build has no built-in model; pass --model PATH to an .onnx file");
		}
		byte[] sidecar = resource(BUILTIN_NAME.replace(".onnx", ".json"));
		return fromBytes(ModelBytes.of(bytes), "built-in:" + BUILTIN_NAME, null,
			sidecar == null ? null : new String(sidecar, StandardCharsets.UTF_8), null, overrides, null);
	}

	private static byte[] resource(String file) throws ModelException {
		try (InputStream in = InceptionModel.class.getResourceAsStream(BUILTIN_DIR + file)) {
			return in == null ? null : in.readAllBytes();
		} catch (IOException e) {
			throw new ModelException("built-in model " + file + ": cannot be read from the jar (" + e.getMessage() + ")");
		}
	}

	/** Builds a model from serialized ONNX bytes (used for files, resources and tests). */
	public static InceptionModel fromBytes(byte[] bytes, String displayName, Path path, String sidecarText,
			String labelsText, Overrides overrides) throws ModelException {
		return fromBytes(ModelBytes.of(bytes), displayName, path, sidecarText, labelsText, overrides, null);
	}

	private static InceptionModel fromBytes(ModelBytes bytes, String displayName, Path path, String sidecarText,
			String labelsText, Overrides overrides, BioimagePackage pkg) throws ModelException {
		if (bytes.size() == 0) throw new ModelException(displayName + ": the file is empty; export the model again");
		ModelProto proto;
		try {
			proto = OnnxGraph.parse(bytes);
		} catch (InvalidProtocolBufferException | RuntimeException e) {
			throw new ModelException(displayName + ": not an ONNX model (it does not parse as ONNX protobuf); export it with torch.onnx.export or tf2onnx");
		}
		if (!proto.hasGraph() || proto.getGraph().getNodeCount() == 0) {
			throw new ModelException(displayName + ": not an ONNX model (no graph or no nodes); export it with torch.onnx.export or tf2onnx");
		}
		refuseExternalData(proto, displayName, path);
		try {
			return analyse(bytes, displayName, path, sidecarText, labelsText, overrides, proto, pkg);
		} catch (OutOfMemoryError e) {
			// the classifier's weights are read in double precision to compute the maps: a very large dense head
			// (a flatten over a big map, tens of thousands of classes) may not fit a small heap
			long mb = Runtime.getRuntime().maxMemory() / (1024 * 1024);
			throw new ModelException(displayName + ": not enough memory to read the classifier's weights (Java may use "
				+ mb + " MB); give Java more memory (-Xmx; in Fiji: Edit > Options > Memory & Threads)");
		} catch (RuntimeException e) {
			// a graph that parses but does not hang together (bad tensor data, dangling references)
			String msg = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage().replaceAll("\\s+", " ");
			throw new ModelException(displayName + ": damaged or unsupported ONNX graph (" + msg + "); export the model again");
		}
	}

	/** Models whose weights live in external data files are refused up front, naming the file and whether it is there. */
	private static void refuseExternalData(ModelProto proto, String displayName, Path path) throws ModelException {
		for (TensorProto t : proto.getGraph().getInitializerList()) {
			if (t.getDataLocation() != TensorProto.DataLocation.EXTERNAL && t.getExternalDataCount() == 0) continue;
			String location = null;
			for (var e : t.getExternalDataList()) if (e.getKey().equals("location")) location = e.getValue();
			String state = "";
			if (location != null && path != null && path.toAbsolutePath().getParent() != null) {
				boolean there;
				try {
					there = Files.exists(path.toAbsolutePath().getParent().resolve(location));
				} catch (java.nio.file.InvalidPathException e) {
					there = false;
				}
				state = there ? "" : ", which is missing";
			}
			throw new ModelException(displayName + ": the weights are kept in an external data file ("
				+ (location == null ? "no location given" : location) + state + "); external data is not supported:"
				+ " save the model with its weights inside (onnx.save_model(model, path, save_as_external_data=False))");
		}
	}

	private static InceptionModel analyse(ModelBytes bytes, String displayName, Path path, String sidecarText, String labelsText,
			Overrides overrides, ModelProto proto, BioimagePackage pkg) throws ModelException {
		OnnxGraph graph = new OnnxGraph(proto);
		ModelMetadata meta = pkg == null ? MetadataResolver.resolve(graph, path, displayName, sidecarText, labelsText)
			: MetadataResolver.resolve(graph, null, displayName, sidecarText, null,
				"bioimage.io package " + pkg.descriptor() + " (format " + pkg.formatVersion() + ")");
		if (pkg != null) {
			if (pkg.channels() > 0 && pkg.channels() != meta.channels()) {
				throw new ModelException(pkg.descriptor() + ": the input axes (" + pkg.layout() + ", " + pkg.channels()
					+ " channels) do not match the ONNX input's shape (" + meta.channels() + " channels there)");
			}
			try {
				meta = meta.toBuilder().steps(pkg.steps()).build();
			} catch (IllegalArgumentException e) {
				throw new ModelException(pkg.descriptor() + ": " + e.getMessage());
			}
		}
		if (overrides != null && !overrides.isEmpty()) {
			ModelMetadata.Builder b = meta.toBuilder();
			if (overrides.labels != null) {
				try {
					String text = new String(Files.readAllBytes(overrides.labels), StandardCharsets.UTF_8);
					b.labels(MetadataResolver.parseLabelLines(text)).source("labels from " + overrides.labels);
				} catch (IOException e) {
					throw new ModelException(overrides.labels + ": cannot read the labels file (" + e.getMessage() + ")");
				}
			}
			if (overrides.mean != null) b.mean(overrides.mean).source("mean from the command line");
			if (overrides.std != null) b.std(overrides.std).source("std from the command line");
			try {
				meta = b.build();
			} catch (IllegalArgumentException e) {
				throw new ModelException(displayName + ": " + e.getMessage());
			}
		}
		ValueInfoProto input = graph.inputs().get(0);
		int elem = OnnxGraph.elemType(input);
		if (elem != 0 && elem != TensorProto.DataType.FLOAT_VALUE) {
			throw new ModelException(displayName + ": the input '" + input.getName() + "' is of type "
				+ TensorProto.DataType.forNumber(elem) + "; only float32 inputs are supported (export with a float input)");
		}
		long[] declared = OnnxGraph.declaredDims(input);
		long[] inputShape = inputShape(meta, 1);
		if (declared != null && declared[0] > 1) inputShape[0] = declared[0];
		// Tensors whose shape the head search may need: inputs of the pooling candidates.
		Set<String> wanted = new LinkedHashSet<>();
		for (NodeProto n : graph.nodes()) {
			if (SHAPE_OF_INPUT.contains(n.getOpType()) && n.getInputCount() > 0) wanted.add(n.getInput(0));
			if (SHAPE_OF_OUTPUT.contains(n.getOpType()) && n.getOutputCount() > 0) wanted.add(n.getOutput(0));
		}
		Map<String, long[]> probed = new HashMap<>();
		boolean[] probedOnce = {false};
		ShapeSource shapes = t -> {
			if (!probedOnce[0] && !wanted.isEmpty()) {
				probedOnce[0] = true;
				try {
					probed.putAll(ShapeProbe.probe(bytes, proto, input.getName(), inputShape, wanted, displayName));
				} catch (ModelException e) {
					return null;
				}
			}
			return probed.get(t);
		};
		HeadSearchResult head = HeadSearch.search(graph, shapes);
		if (head.output() == null) throw new ModelException(displayName + ": the graph has no outputs; export the model again");
		int classes = head.hasCam() ? head.head().classes() : -1;
		if (classes > 0 && !meta.labels().isEmpty() && meta.labels().size() != classes) {
			throw new ModelException(displayName + ": " + meta.labels().size() + " labels for " + classes
				+ " classes; fix the labels (sidecar, labels.txt or --labels)");
		}
		return new InceptionModel(displayName, path, bytes, graph, meta, head, input.getName(), declared);
	}

	/** The input tensor shape for a batch in the model's layout. */
	public static long[] inputShape(ModelMetadata m, int batch) {
		return m.layout() == Layout.NCHW
			? new long[] {batch, m.channels(), m.inputHeight(), m.inputWidth()}
			: new long[] {batch, m.inputHeight(), m.inputWidth(), m.channels()};
	}

	public long[] inputShape(int batch) {
		return inputShape(metadata, batch);
	}

	/** The fixed batch size of the input, or -1 when the batch dimension is dynamic. */
	public int fixedBatch() {
		return declaredInput != null && declaredInput[0] > 0 ? (int) declaredInput[0] : -1;
	}

	/**
	 * The model rewritten so that ONNX Runtime also returns the logits and the CAM feature map, in a
	 * new direct buffer: pass it to ONNX Runtime, then release it with {@link ModelBytes#free}.
	 */
	public ByteBuffer camReadyBuffer() throws ModelException {
		List<String> extra = new ArrayList<>();
		extra.add(head.logitsTensor());
		if (head.hasCam()) extra.add(head.head().featureTensor());
		try {
			return CamModelRewriter.exposed(bytes, graph.model(), extra);
		} catch (ModelException e) {
			throw new ModelException(displayName + ": " + e.getMessage());
		}
	}

	/** Concrete shapes of the named tensors for a batch of one (see {@link ShapeProbe}). */
	public Map<String, long[]> probeShapes(java.util.Collection<String> tensors) throws ModelException {
		return ShapeProbe.probe(bytes, graph.model(), inputName, inputShape(1), tensors, displayName);
	}

	/**
	 * Starts computing the SHA-256 on a background daemon thread, for callers that will show it: it
	 * then overlaps with the session's creation instead of adding to it.
	 */
	public void prefetchSha256() {
		Thread t = new Thread(bytes::sha256, "inception-cam-sha256");
		t.setDaemon(true);
		t.start();
	}

	public String displayName() {
		return displayName;
	}

	/** The file, or null for the built-in model. */
	public Path path() {
		return path;
	}

	/** Hex SHA-256 of the model file (computed on first call, once). */
	public String sha256() {
		return bytes.sha256();
	}

	public OnnxGraph graph() {
		return graph;
	}

	public ModelMetadata metadata() {
		return metadata;
	}

	public HeadSearchResult head() {
		return head;
	}

	public String inputName() {
		return inputName;
	}

	/** The bioimage.io package the model came from, or null. */
	public BioimagePackage bioimagePackage() {
		return bioimage;
	}

}

package io.github.inceptioncam.model;

import ai.onnx.proto.OnnxMl.ModelProto;
import ai.onnxruntime.NodeInfo;
import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OnnxValue;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import ai.onnxruntime.TensorInfo;
import io.github.inceptioncam.inference.OrtRuntime;
import java.nio.ByteBuffer;
import java.nio.FloatBuffer;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;

/**
 * Learns concrete tensor shapes from ONNX Runtime, with the wanted tensors exposed as outputs. The
 * session is opened without graph optimisations (cheap); when ONNX Runtime's own shape inference
 * already knows every wanted dimension (the usual case: a fixed input size), nothing is run;
 * otherwise the model runs once, on the CPU, on a zero image of the model's input size. Works for
 * any operator ONNX Runtime knows, so no shape inference has to be written here.
 */
public final class ShapeProbe {
	private ShapeProbe() {}

	/**
	 * @return shapes by tensor name for the given input shape; tensors that could not be exposed are absent
	 * @throws ModelException when ONNX Runtime cannot open or run the model
	 */
	public static Map<String, long[]> probe(ModelBytes bytes, ModelProto model, String inputName, long[] inputShape,
			Collection<String> tensors, String displayName) throws ModelException {
		OrtEnvironment env = OrtRuntime.environment();
		ByteBuffer exposed;
		try {
			exposed = CamModelRewriter.exposed(bytes, model, tensors);
		} catch (ModelException e) {
			throw new ModelException(displayName + ": " + e.getMessage());
		}
		try (OrtSession.SessionOptions opts = new OrtSession.SessionOptions()) {
			opts.setIntraOpNumThreads(1);
			opts.setOptimizationLevel(OrtSession.SessionOptions.OptLevel.NO_OPT);
			opts.setSessionLogLevel(ai.onnxruntime.OrtLoggingLevel.ORT_LOGGING_LEVEL_FATAL);
			try (OrtSession session = env.createSession(exposed, opts)) {
				ModelBytes.free(exposed);
				exposed = null;
				Map<String, long[]> known = declared(session, tensors, inputShape[0]);
				if (known != null) return known;
				return run(env, session, inputName, inputShape);
			}
		} catch (OrtException e) {
			throw new ModelException(displayName + ": ONNX Runtime cannot run the model (" + oneLine(e.getMessage())
				+ "); check that it is a valid ONNX image classifier with a float input");
		} finally {
			ModelBytes.free(exposed);
		}
	}

	/** The shapes ONNX Runtime inferred when opening the model, or null when one is not fully known. */
	private static Map<String, long[]> declared(OrtSession session, Collection<String> tensors, long batch) throws OrtException {
		Map<String, NodeInfo> info = session.getOutputInfo();
		Map<String, long[]> out = new HashMap<>();
		for (String t : tensors) {
			NodeInfo ni = info.get(t);
			if (ni == null || !(ni.getInfo() instanceof TensorInfo)) continue;
			long[] shape = ((TensorInfo) ni.getInfo()).getShape().clone();
			if (shape.length > 0 && shape[0] < 0) shape[0] = batch;
			for (long d : shape) if (d < 0) return null;
			out.put(t, shape);
		}
		return out;
	}

	private static Map<String, long[]> run(OrtEnvironment env, OrtSession session, String inputName, long[] inputShape)
			throws OrtException {
		long n = 1;
		for (long d : inputShape) n *= d;
		Map<String, long[]> out = new HashMap<>();
		FloatBuffer zeros = FloatBuffer.allocate((int) n);
		try (OnnxTensor in = OnnxTensor.createTensor(env, zeros, inputShape);
				OrtSession.Result r = session.run(Map.of(inputName, in))) {
			for (Map.Entry<String, OnnxValue> e : r) {
				if (e.getValue() instanceof OnnxTensor) out.put(e.getKey(), ((OnnxTensor) e.getValue()).getInfo().getShape());
			}
		}
		return out;
	}

	static String oneLine(String s) {
		if (s == null) return "no message";
		String t = s.replaceAll("\\s+", " ").trim();
		return t.length() > 300 ? t.substring(0, 300) + "..." : t;
	}
}

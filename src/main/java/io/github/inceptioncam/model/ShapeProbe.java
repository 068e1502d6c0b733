package io.github.inceptioncam.model;

import ai.onnx.proto.OnnxMl.ModelProto;
import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OnnxValue;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import io.github.inceptioncam.inference.OrtRuntime;
import java.nio.FloatBuffer;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;

/**
 * Learns concrete tensor shapes by running the model once, on the CPU, on a zero image of the
 * model's input size with the wanted tensors exposed as outputs. Works for any operator ONNX Runtime
 * knows, so no shape inference has to be written here.
 */
public final class ShapeProbe {
	private ShapeProbe() {}

	/**
	 * @return shapes by tensor name for a batch of one; tensors that could not be exposed are absent
	 * @throws ModelException when ONNX Runtime cannot run the model
	 */
	public static Map<String, long[]> probe(ModelProto model, String inputName, long[] inputShape,
			Collection<String> tensors, String displayName) throws ModelException {
		ModelProto exposed = CamModelRewriter.exposeTensors(model, tensors);
		OrtEnvironment env = OrtRuntime.environment();
		Map<String, long[]> out = new HashMap<>();
		try (OrtSession.SessionOptions opts = new OrtSession.SessionOptions()) {
			opts.setIntraOpNumThreads(1);
			opts.setSessionLogLevel(ai.onnxruntime.OrtLoggingLevel.ORT_LOGGING_LEVEL_FATAL);
			try (OrtSession session = env.createSession(exposed.toByteArray(), opts)) {
				long n = 1;
				for (long d : inputShape) n *= d;
				FloatBuffer zeros = FloatBuffer.allocate((int) n);
				try (OnnxTensor in = OnnxTensor.createTensor(env, zeros, inputShape);
						OrtSession.Result r = session.run(Map.of(inputName, in))) {
					for (Map.Entry<String, OnnxValue> e : r) {
						if (e.getValue() instanceof OnnxTensor) {
							out.put(e.getKey(), ((OnnxTensor) e.getValue()).getInfo().getShape());
						}
					}
				}
			}
		} catch (OrtException e) {
			throw new ModelException(displayName + ": ONNX Runtime cannot run the model (" + oneLine(e.getMessage())
				+ "); check that it is a valid ONNX image classifier with a float input");
		}
		return out;
	}

	static String oneLine(String s) {
		if (s == null) return "no message";
		String t = s.replaceAll("\\s+", " ").trim();
		return t.length() > 300 ? t.substring(0, 300) + "..." : t;
	}
}

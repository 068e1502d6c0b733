package io.github.inceptioncam.model;

import ai.onnx.proto.OnnxMl.GraphProto;
import ai.onnx.proto.OnnxMl.ModelProto;
import ai.onnx.proto.OnnxMl.ValueInfoProto;
import java.nio.ByteBuffer;
import java.util.Collection;
import java.util.HashSet;
import java.util.Set;

/**
 * Makes intermediate tensors visible to ONNX Runtime, which returns graph outputs only: appends each
 * named tensor to {@code graph.output}. Nothing else changes, so the logits stay bit-identical.
 *
 * <p>The rewrite is a protobuf tail, {@code ModelProto{graph{output: [...]}}}, appended to the
 * original bytes: parsing concatenated messages merges them (repeated fields append), so the weights
 * are never re-serialized or copied on the Java heap.
 */
public final class CamModelRewriter {
	private CamModelRewriter() {}

	/** The serialized tail that adds the tensors not yet among the model's outputs (empty: nothing to add). */
	public static byte[] outputsTail(ModelProto model, Collection<String> tensors) {
		Set<String> present = new HashSet<>();
		for (ValueInfoProto vi : model.getGraph().getOutputList()) present.add(vi.getName());
		GraphProto.Builder gb = GraphProto.newBuilder();
		for (String t : tensors) {
			if (t != null && present.add(t)) gb.addOutput(ValueInfoProto.newBuilder().setName(t).build());
		}
		if (gb.getOutputCount() == 0) return new byte[0];
		return ModelProto.newBuilder().setGraph(gb).build().toByteArray();
	}

	/** The model with the tensors exposed, as a direct buffer for ONNX Runtime; free it with {@link ModelBytes#free}. */
	public static ByteBuffer exposed(ModelBytes bytes, ModelProto model, Collection<String> tensors) throws ModelException {
		return bytes.withTail(outputsTail(model, tensors));
	}
}

package io.github.inceptioncam.model;

import ai.onnx.proto.OnnxMl.GraphProto;
import ai.onnx.proto.OnnxMl.ModelProto;
import ai.onnx.proto.OnnxMl.ValueInfoProto;
import java.util.Collection;
import java.util.HashSet;
import java.util.Set;

/**
 * Makes intermediate tensors visible to ONNX Runtime, which returns graph outputs only: appends each
 * named tensor to {@code graph.output}. Nothing else changes, so the logits stay bit-identical.
 */
public final class CamModelRewriter {
	private CamModelRewriter() {}

	public static ModelProto exposeTensors(ModelProto model, Collection<String> tensors) {
		GraphProto graph = model.getGraph();
		Set<String> present = new HashSet<>();
		for (ValueInfoProto vi : graph.getOutputList()) present.add(vi.getName());
		GraphProto.Builder gb = graph.toBuilder();
		boolean changed = false;
		for (String t : tensors) {
			if (t == null || !present.add(t)) continue;
			gb.addOutput(ValueInfoProto.newBuilder().setName(t).build());
			changed = true;
		}
		return changed ? model.toBuilder().setGraph(gb).build() : model;
	}
}

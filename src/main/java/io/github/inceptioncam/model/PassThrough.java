package io.github.inceptioncam.model;

import ai.onnx.proto.OnnxMl.NodeProto;
import java.util.Set;

/** The operators a classifier head passes its values through unchanged (identity, dropout, shape-only ops). */
final class PassThrough {
	static final Set<String> OPS = Set.of("Identity", "Dropout", "Flatten", "Reshape", "Squeeze", "Unsqueeze");

	private PassThrough() {}

	/** The tensor {@code t} is a pass-through of: walks back over its pass-through producers. */
	static String skip(OnnxGraph g, String t) {
		NodeProto p;
		while ((p = g.producer(t)) != null && OPS.contains(p.getOpType()) && p.getInputCount() > 0) {
			t = p.getInput(0);
		}
		return t;
	}
}

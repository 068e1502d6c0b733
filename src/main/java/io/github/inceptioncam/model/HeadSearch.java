package io.github.inceptioncam.model;

import ai.onnx.proto.OnnxMl.NodeProto;
import ai.onnx.proto.OnnxMl.ValueInfoProto;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Finds the main classifier output and its CAM head by pattern (never by layer name): walking back
 * from each graph output over an optional softmax, a linear layer ({@code Gemm}, {@code MatMul}
 * [+ {@code Add}] or 1x1 {@code Conv}) and shape-only ops, to a global average pooling
 * ({@code GlobalAveragePool}, spatial {@code ReduceMean}, or an {@code AveragePool} covering the map).
 * Where no such head is found, the output may still end in a chain of head operators ({@link HeadChainSearch}).
 * Among several heads (auxiliary classifiers) the deepest pooling wins, whatever the output order.
 */
public final class HeadSearch {
	private final OnnxGraph g;
	private final ShapeSource shapes;
	private final HeadChainSearch chains;

	private HeadSearch(OnnxGraph g, ShapeSource shapes) {
		this.g = g;
		this.shapes = shapes;
		this.chains = new HeadChainSearch(g, shapes);
	}

	public static HeadSearchResult search(OnnxGraph graph, ShapeSource shapes) {
		return new HeadSearch(graph, shapes).run();
	}

	/** What the walk back from one output found. */
	private static final class Walk {
		String output;
		String logits;
		boolean softmax;
		CamHead head;
		String reason;
	}

	private HeadSearchResult run() {
		List<Walk> walks = new ArrayList<>();
		List<ValueInfoProto> outs = g.outputs();
		for (ValueInfoProto out : outs) walks.add(walk(out.getName()));
		if (walks.isEmpty()) return new HeadSearchResult(null, null, false, null, "the graph has no outputs", List.of());
		Walk best = null;
		for (Walk w : walks) {
			if (w.head == null) continue;
			if (best == null || w.head.poolDepth() > best.head.poolDepth()) best = w;
		}
		if (best == null) best = walks.get(0);
		List<String> ignored = new ArrayList<>();
		for (Walk w : walks) {
			if (w == best) continue;
			String why;
			if (w.head == null) why = "not a pooled classifier output";
			else if (best.head != null && w.head.poolNode().equals(best.head.poolNode())) why = "same head as '" + best.output + "'";
			else why = "shallower head (auxiliary classifier at " + w.head.poolNode() + ")";
			ignored.add(w.output + ": " + why);
		}
		return new HeadSearchResult(best.output, best.logits, best.softmax, best.head,
			best.head == null ? best.reason : null, ignored);
	}

	private Walk walk(String output) {
		Walk w = new Walk();
		w.output = output;
		w.logits = output;
		String t = PassThrough.skip(g, output);
		NodeProto p = g.producer(t);
		if (p != null && (p.getOpType().equals("Softmax") || p.getOpType().equals("LogSoftmax"))) {
			w.softmax = true;
			w.logits = p.getInput(0);
			t = PassThrough.skip(g, w.logits);
			p = g.producer(t);
		}
		if (p == null) {
			w.reason = "output '" + output + "' is not computed by any node";
			return w;
		}
		// NIN-style: the pooling itself yields the logits.
		Optional<GlobalPool> direct = GlobalPool.of(p, g, shapes);
		if (direct.isPresent()) {
			GlobalPool pl = direct.get();
			w.head = new CamHead(CamHead.Kind.CLASS_MAPS, pl.feature, pl.layout, null, null,
				OnnxGraph.describe(p), null, g.depth(p));
			return w;
		}
		DenseLayer lin = DenseLayer.read(g, p);
		if (lin.error != null) return chain(w); // not a dense layer: perhaps the end of a chain of head operators
		String before = PassThrough.skip(g, lin.data);
		NodeProto q = g.producer(before);
		// per-channel affine ops between pooling and classifier (BatchNormalization, Mul, Add, Sub, Div by
		// constants) commute with the average: fold them into the classifier
		while (q != null && AffineOps.isAffine(g, q)) {
			String err = AffineOps.fold(g, q, lin);
			if (err != null) {
				w.reason = err;
				return w;
			}
			before = PassThrough.skip(g, AffineOps.input(g, q));
			q = g.producer(before);
		}
		if (q == null) {
			w.reason = "the classifier " + OnnxGraph.describe(lin.node) + " reads a graph input, not pooled features";
			return w;
		}
		Optional<GlobalPool> pool = GlobalPool.of(q, g, shapes);
		if (!pool.isPresent()) return chain(w); // not fed by a global average pooling: a longer head, or none
		w.head = new CamHead(CamHead.Kind.LINEAR, pool.get().feature, pool.get().layout, lin.weights, lin.bias,
			OnnxGraph.describe(q), OnnxGraph.describe(lin.node), g.depth(q));
		return w;
	}

	/** Sets the head of {@code w} to the chain of head operators that computes its logits, or the reason why none does. */
	private Walk chain(Walk w) {
		HeadChainSearch.Outcome found = chains.search(w.logits);
		w.head = found.head;
		w.reason = found.reason;
		return w;
	}
}

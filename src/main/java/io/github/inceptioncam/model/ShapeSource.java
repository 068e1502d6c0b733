package io.github.inceptioncam.model;

/** Gives the concrete shape of a graph tensor for a batch of one, or null when it cannot be known. */
@FunctionalInterface
public interface ShapeSource {
	long[] shape(String tensor);

	ShapeSource NONE = t -> null;
}

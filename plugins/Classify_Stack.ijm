// Inception CAM: classify every slice (and frame) of the current stack; the CAM of each slice is drawn
// on that slice, and the results table gets one block of rows per slice.
if (nImages == 0) exit("Inception CAM: open a stack first");
run("Classify Image...", "model=[] top=3 class=auto device=auto opacity=0.5 colormap=Fire stack roi");

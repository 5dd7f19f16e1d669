/**
 * Reading PyTorch checkpoints ({@code .pth.tar}, legacy and zip formats) in pure Java, through an unpickler
 * that allows only the classes a state dict needs and refuses everything else (no code is ever run).
 */
package spinel.zoo.torch;

/**
 * Byte-level BPE: the GPT-2 pre-tokenizer, the trainer, the tokenizer (encode, streaming encode,
 * decode) and GPT-2's vocab.json/merges.txt format. Independent of the tensor engine.
 */
package cs336.bpe;

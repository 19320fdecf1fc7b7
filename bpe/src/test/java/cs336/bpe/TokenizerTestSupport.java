package cs336.bpe;

/** Package-private helpers of {@code cs336.bpe} opened to tests in other packages. */
public final class TokenizerTestSupport {
  private TokenizerTestSupport() {}

  /** A String as UTF-8 with unpaired surrogates as U+FFFD, as the tokenizer encodes it. */
  public static byte[] utf8Replacing(String s) {
    return Tokenizer.utf8(s);
  }
}

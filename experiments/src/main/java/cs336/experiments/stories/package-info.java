/**
 * The embedded demo corpus: a generator of simple children's stories in the style of TinyStories,
 * written for this project, so that {@code ./cs336 demo} can train a tokenizer and a small LM with
 * nothing downloaded.
 *
 * <p>The stories come from {@code stories.txt} (a resource beside these classes): word lists with
 * columns ({@code @list}), shared sentence groups ({@code @group}) and plots ({@code @plot}), each
 * a sequence of beats with alternative sentences. {@link cs336.experiments.stories.StoryTemplates}
 * parses it, {@link cs336.experiments.stories.TemplateFiller} fills one sentence,
 * {@link cs336.experiments.stories.StoryGenerator} picks a plot, a cast and one alternative per
 * beat, and {@link cs336.experiments.stories.StoryCorpus} writes a file of stories separated by
 * {@code <|endoftext|>} lines, like the TinyStories text files.
 *
 * <p>Story {@code i} of seed {@code s} depends only on {@code (s, i)}: a corpus is deterministic,
 * and a smaller corpus of the same seed is a prefix of a larger one.
 */
package cs336.experiments.stories;

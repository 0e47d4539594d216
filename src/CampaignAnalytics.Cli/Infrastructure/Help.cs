using System.Collections.Generic;
using System.CommandLine;
using System.CommandLine.Help;
using System.CommandLine.Invocation;
using System.Linq;

namespace CampaignAnalytics.Cli.Infrastructure;

/// <summary>
/// <c>--help</c> with examples: System.CommandLine's help, then an <c>Examples:</c> section for the command asked
/// about (its help builder cannot be extended in 2.0, so its action is wrapped).
/// </summary>
internal static class Help
{
    private static readonly Dictionary<Command, IReadOnlyList<string>> ExamplesOf = new();

    /// <summary>Registers the examples <c>--help</c> shows for <paramref name="command"/>.</summary>
    public static void AddExamples(Command command, IReadOnlyList<string> examples) => ExamplesOf[command] = examples;

    /// <summary>Wraps the root's help option so that every command's help ends with its examples.</summary>
    public static void Install(RootCommand root)
    {
        foreach (var option in root.Options.OfType<HelpOption>())
        {
            if (option.Action is HelpAction inner)
            {
                option.Action = new WithExamples(inner);
            }
        }
    }

    /// <summary>True for the help action (wrapped or not): parse errors do not stop help.</summary>
    public static bool IsHelp(CommandLineAction? action) => action is HelpAction or WithExamples;

    private sealed class WithExamples : SynchronousCommandLineAction
    {
        private readonly HelpAction _inner;

        public WithExamples(HelpAction inner) => _inner = inner;

        public override bool ClearsParseErrors => true;

        public override int Invoke(ParseResult parseResult)
        {
            var result = _inner.Invoke(parseResult);
            if (ExamplesOf.TryGetValue(parseResult.CommandResult.Command, out var examples))
            {
                var output = parseResult.InvocationConfiguration.Output;
                output.WriteLine("Examples:");
                foreach (var example in examples)
                {
                    output.WriteLine("  " + example);
                }

                output.WriteLine();
            }

            return result;
        }
    }
}

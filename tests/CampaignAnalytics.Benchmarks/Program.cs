using System;
using System.Globalization;
using BenchmarkDotNet.Running;

namespace CampaignAnalytics.Benchmarks;

public static class Program
{
    public static void Main(string[] args)
    {
        if (args.Length > 0 && args[0] == "--ratios")
        {
            var rounds = args.Length > 1 ? int.Parse(args[1], NumberStyles.None, CultureInfo.InvariantCulture) : 8;
            RatioProbe.Run(Console.Out, rounds);
            return;
        }

        if (args.Length > 0 && args[0] == "--parquet-writers")
        {
            ParquetWriterProbe.Run(Console.Out, args.Length > 1 ? Int(args[1]) : 10, args.Length > 2 ? Int(args[2]) : 5);
            return;
        }

        if (args.Length > 0 && args[0] == "--fetch-portfolio")
        {
            int Arg(int i, int fallback) => args.Length > i ? int.Parse(args[i], NumberStyles.None, CultureInfo.InvariantCulture) : fallback;
            PortfolioProbe.RunAsync(Console.Out, Arg(1, 500), Arg(2, 365), TimeSpan.FromMilliseconds(Arg(3, 50))).GetAwaiter().GetResult();
            return;
        }

        if (args.Length >= 4 && args[0] == "--portfolio")
        {
            var files = Portfolio.Write(Int(args[1]), Int(args[2]), args[3]);
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{files.Count} campaign files in {args[3]}"));
            return;
        }

        if (args.Length > 0 && args[0] == "--vs-pandas")
        {
            Environment.ExitCode = PandasProbe.Run(Console.Out, PandasOptions.Parse(args[1..]));
            return;
        }

        if (args.Length >= 3 && args[0] == "--scale")
        {
            string? Option(string name) => Array.IndexOf(args, name) is var i and >= 0 && i + 1 < args.Length ? args[i + 1] : null;
            ScaleProbe.Run(Console.Out, Int(args[1]), Int(args[2]), Option("--cli"), Option("--work"), Option("--before"), Option("--only"));
            return;
        }

        BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
    }

    private static int Int(string text) => int.Parse(text, NumberStyles.None, CultureInfo.InvariantCulture);
}

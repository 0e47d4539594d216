/// README-snippets.md: the F# example runs, and the document shows the code that ran.
module CampaignAnalytics.FSharp.Tests.ReadmeSnippetTests

open System
open System.IO
open CampaignAnalytics.FSharp.Tests.Support
open Xunit

let private lines (text: string) =
    text.Split('\n') |> Array.map (fun l -> l.TrimEnd '\r') |> List.ofArray

let private between (first: string -> bool) (last: string -> bool) (all: string list) =
    all |> List.skipWhile (first >> not) |> List.skip 1 |> List.takeWhile (last >> not)

[<Fact>]
let ``The F# snippet prints weekly rates and the email comparison`` () =
    use out = new StringWriter()
    ReadmeSnippet.report out (payloadPath "multichannel-real.json")
    let printed = lines (string out) |> List.filter (String.IsNullOrWhiteSpace >> not)
    Assert.Contains(printed, fun l -> l.StartsWith("2025-06-16 email        Variant A      UniqueClickRate  10.67", StringComparison.Ordinal))
    Assert.Contains(printed, fun l -> l.StartsWith("2025-06-16 ios_push     8a4b-push-a    DirectOpenRate   7.09", StringComparison.Ordinal))
    Assert.Contains("Control Group: 1.25% (control)", printed)
    Assert.Contains("Variant B: 2.43%, lift 94.59%, p = 0.3575 (Holm 0.4710), P(beat control) = 75.41%", printed)
    Assert.Contains(printed, fun l -> l.StartsWith("Variant A: 2.89%, lift 131.58%, p = ", StringComparison.Ordinal))

[<Fact>]
let ``README-snippets.md shows the F# code the tests run`` () =
    let source = File.ReadAllText(Path.Combine(Support.projectDirectory, "ReadmeSnippet.fs")) |> lines
    let tested = source |> between (fun l -> l.Trim() = "// snippet-start") (fun l -> l.Trim() = "// snippet-end")
    let document = File.ReadAllText(Path.Combine(Support.projectDirectory, "README-snippets.md")) |> lines
    let shown = document |> between (fun l -> l.Trim() = "```fsharp") (fun l -> l.Trim() = "```")
    // The document adds only the call at the end.
    equal tested (shown |> List.take tested.Length)

[<Fact>]
let ``The repository README shows the same F# code`` () =
    let source = File.ReadAllText(Path.Combine(Support.projectDirectory, "ReadmeSnippet.fs")) |> lines
    let tested = source |> between (fun l -> l.Trim() = "// snippet-start") (fun l -> l.Trim() = "// snippet-end")
    let readme = File.ReadAllText(Path.Combine(Support.projectDirectory, "..", "..", "README.md")) |> lines
    // README's first F# block is this example; it adds only the call at the end (on the bundled sample).
    let shown = readme |> between (fun l -> l.Trim() = "```fsharp") (fun l -> l.Trim() = "```")
    equal tested (shown |> List.take (min tested.Length shown.Length))

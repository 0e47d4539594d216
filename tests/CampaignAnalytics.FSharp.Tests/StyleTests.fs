/// This project is the proof that the library is F#-friendly: it must not need casts, byrefs or mutation.
module CampaignAnalytics.FSharp.Tests.StyleTests

open System.IO
open System.Text.RegularExpressions
open Xunit

/// Code only: string literals, ``quoted identifiers`` and line comments removed (so this file does not match itself).
let private codeOf (line: string) =
    let noStrings = Regex.Replace(line, "\"(?:\\\\.|[^\"\\\\])*\"", "\"\"")
    let noQuotedNames = Regex.Replace(noStrings, "``[^`]*``", "name")
    Regex.Replace(noQuotedNames, "//.*$", "")

let private forbidden =
    [ ":\\?>", "a downcast (type test is fine only as a pattern)"
      ":>", "an upcast (the typed API takes the generated types as they are)"
      "\\bupcast\\b", "an upcast"
      "\\bdowncast\\b", "a downcast"
      "\\bunbox\\b", "unboxing"
      "\\bmutable\\b", "a mutable variable"
      "\\b(byref|outref|inref)\\b", "a byref (out/ref parameter)"
      "&[A-Za-z_(]", "an address-of (out/ref argument)"
      "<-", "an assignment" ]

[<Fact>]
let ``No casts, byrefs or mutable variables in this project's F# files`` () =
    let files =
        Directory.EnumerateFiles(Support.projectDirectory, "*.fs", SearchOption.AllDirectories)
        |> Seq.filter (fun f -> not (Regex.IsMatch(f, "[/\\\\](obj|bin)[/\\\\]")))
        |> List.ofSeq
    Assert.True(files.Length >= 10, sprintf "found only %d .fs files under %s" files.Length Support.projectDirectory)
    let offences =
        files
        |> List.collect (fun file ->
            File.ReadAllLines file
            |> Array.toList
            |> List.indexed
            |> List.collect (fun (i, line) ->
                forbidden
                |> List.filter (fun (pattern, _) -> Regex.IsMatch(codeOf line, pattern))
                |> List.map (fun (_, what) -> sprintf "%s:%d: %s: %s" (Path.GetFileName file) (i + 1) what (line.Trim()))))
    Assert.True(List.isEmpty offences, String.concat "\n" offences)

[<Fact>]
let ``The style check catches what it forbids`` () =
    let caught line = forbidden |> List.exists (fun (pattern, _) -> Regex.IsMatch(codeOf line, pattern))
    let cast = ":" + "?> Foo"
    Assert.True(caught ("let x = y " + cast))
    Assert.True(caught ("let " + "mutable n = 0"))
    Assert.True(caught ("let d = day " + ":> IDailyDataPoint"))
    Assert.True(caught ("d.TryGetValue(k, " + "&v)"))
    Assert.False(caught "with :? CampaignJsonException as e ->")
    Assert.False(caught "let s = \"mutable downcast unbox\" // a mutable comment")

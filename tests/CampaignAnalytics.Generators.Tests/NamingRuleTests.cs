using System;
using System.Globalization;
using System.Linq;
using CampaignAnalytics.Generators.Diagnostics;
using CampaignAnalytics.Generators.Model;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Text;

namespace CampaignAnalytics.Generators.Tests;

/// <summary>
/// The parser's naming rules and diagnostic texts carry no Roslyn (so the runtime library can compile the parser in):
/// they must give Roslyn's answers, which the generator used before, on every input.
/// </summary>
public class NamingRuleTests
{
    [Fact]
    public void Identifier_characters_are_Roslyns_for_every_UTF16_code_unit()
    {
        for (var i = 0; i <= char.MaxValue; i++)
        {
            var c = (char)i;
            Assert.True(SyntaxFacts.IsIdentifierStartCharacter(c) == Identifiers.IsIdentifierStart(c), $"start U+{i:X4}");
            Assert.True(SyntaxFacts.IsIdentifierPartCharacter(c) == Identifiers.IsIdentifierPart(c), $"part U+{i:X4}");
        }
    }

    [Fact]
    public void Reserved_keywords_are_Roslyns()
    {
        var roslyn = SyntaxFacts.GetReservedKeywordKinds().Select(SyntaxFacts.GetText).OrderBy(t => t, StringComparer.Ordinal);
        Assert.Equal(roslyn, Identifiers.ReservedKeywords.OrderBy(t => t, StringComparer.Ordinal));
    }

    [Theory]
    [InlineData("Sent")]
    [InlineData("_private")]
    [InlineData("Ⅻ")]
    [InlineData("Éclair")]
    [InlineData("A\u0301")]
    [InlineData("a\u200Db")]
    [InlineData("2xx")]
    [InlineData("p99/latency")]
    [InlineData("")]
    [InlineData("@class")]
    [InlineData("class")]
    [InlineData("record")]
    [InlineData("var")]
    [InlineData("async")]
    [InlineData("__arglist")]
    [InlineData("a b")]
    public void A_name_is_usable_exactly_when_Roslyn_says_it_is_an_identifier_and_no_keyword(string name)
    {
        var roslyn = SyntaxFacts.IsValidIdentifier(name)
            && SyntaxFacts.GetKeywordKind(name) == SyntaxKind.None
            && SyntaxFacts.GetContextualKeywordKind(name) is not (SyntaxKind.RecordKeyword or SyntaxKind.VarKeyword);
        Assert.Equal(roslyn, Identifiers.IsUsableName(name));
        Assert.Equal(SyntaxFacts.IsValidIdentifier(name), Identifiers.IsIdentifier(name));
    }

    [Theory]
    [InlineData("Contoso.Analytics.Models", true)]
    [InlineData("Contoso.class.Models", false)]
    [InlineData("Contoso..Models", false)]
    [InlineData("Contoso.2x", false)]
    [InlineData("Contoso.record", true)]
    [InlineData("", false)]
    public void Namespaces_follow_the_same_rules(string ns, bool valid) => Assert.Equal(valid, Identifiers.IsNamespace(ns));

    [Fact]
    public void Every_diagnostic_reads_the_same_without_Roslyn()
    {
        Assert.Equal(Enumerable.Range(1, DiagnosticTexts.All.Length).Select(n => "CAG" + n.ToString("000", CultureInfo.InvariantCulture)), DiagnosticTexts.All.Select(k => k.Id));
        foreach (var kind in DiagnosticTexts.All)
        {
            var id = kind.Id;
            var info = new DiagnosticInfo(kind, new LocationInfo("/x.schema.json", 3, 4, 1, 2, 1, 6), new[] { "a", "b", "c" }.Select(a => new EquatableString(a)).ToEquatableArray());
            var diagnostic = info.ToDiagnostic();
            Assert.Equal(id, diagnostic.Id);
            Assert.Equal(diagnostic.GetMessage(CultureInfo.InvariantCulture), DiagnosticTexts.Message(info));
            Assert.Equal(kind.Title, diagnostic.Descriptor.Title.ToString(CultureInfo.InvariantCulture));
            Assert.Equal(new LinePosition(1, 2), diagnostic.Location.GetLineSpan().StartLinePosition);
        }
    }

    [Fact]
    public void A_diagnostic_without_a_descriptor_throws_instead_of_reading_as_the_internal_error()
    {
        var unknown = new DiagnosticInfo(new DiagnosticKind("CAG999", "t", "f {0}"), null, new[] { new EquatableString("a") }.ToEquatableArray());
        Assert.Throws<System.Collections.Generic.KeyNotFoundException>(() => unknown.ToDiagnostic());
        Assert.Equal(new DiagnosticInfo(DiagnosticTexts.UnknownMetric, null, default), new DiagnosticInfo(DiagnosticTexts.UnknownMetric, null, default));
    }
}

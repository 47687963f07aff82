import t from 'tap'
import { Type } from 'typebox'
import { negotiate } from '../../../src/domain/dotnet/content-negotiation.js'
import { encodeLocalName, toDataContractXml } from '../../../src/domain/dotnet/data-contract-xml.js'

const NS = 'xmlns:i="http://www.w3.org/2001/XMLSchema-instance" xmlns="http://schemas.datacontract.org/2004/07/Symantec.CSM.RestAPI.DataContracts"'

t.test('encodeLocalName: XmlConvert.EncodeLocalName', async (t) => {
  const rows: Array<[string, string]> = [
    ['JobID', 'JobID'],
    ['request.JobDetails.JobName', 'request.JobDetails.JobName'],
    ['Standard Name', 'Standard_x0020_Name'],
    ['AssetsResolutionInfo[0].Id', 'AssetsResolutionInfo_x005B_0_x005D_.Id'],
    ['1st', '_x0031_st'],
    ['-x', '_x002D_x'],
    ['a:b', 'a_x003A_b'],
    ['_x0041_', '_x005F_x0041_'],
    ['Ünïcode', 'Ünïcode']
  ]
  for (const [name, encoded] of rows) t.equal(encodeLocalName(name), encoded, name)
})

t.test('toDataContractXml: DataContractSerializer conventions', async (t) => {
  const Inner = Type.Object({ B: Type.Integer(), A: Type.Boolean() }, { title: 'Inner' })
  const Outer = Type.Object({
    Zeta: Type.String(),
    Alpha: Type.Union([Type.String(), Type.Null()]),
    Ids: Type.Array(Type.String({ format: 'uuid' })),
    Counts: Type.Array(Type.Integer()),
    Inner,
    Items: Type.Array(Inner),
    Score: Type.Number()
  }, { title: 'Outer' })
  const xml = toDataContractXml({ Zeta: 'a<b & c>\r\n\u0001', Alpha: null, Ids: ['g'], Counts: [], Inner: { B: 2, A: false }, Items: [{ B: 1, A: true }], Score: 92.3 }, Outer)
  t.equal(xml, `<Outer ${NS}><Alpha i:nil="true" /><Counts xmlns:d2p1="http://schemas.microsoft.com/2003/10/Serialization/Arrays" /><Ids xmlns:d2p1="http://schemas.microsoft.com/2003/10/Serialization/Arrays"><d2p1:guid>g</d2p1:guid></Ids><Inner><A>false</A><B>2</B></Inner><Items><Inner><A>true</A><B>1</B></Inner></Items><Score>92.3</Score><Zeta>a&lt;b &amp; c&gt;&#xD;\n&#x1;</Zeta></Outer>`)
  t.equal(toDataContractXml([], Type.Array(Inner)), `<ArrayOfInner ${NS} />`, 'an empty list')
  t.equal(toDataContractXml(['a'], Type.Array(Type.String())),
    '<ArrayOfstring xmlns:i="http://www.w3.org/2001/XMLSchema-instance" xmlns="http://schemas.microsoft.com/2003/10/Serialization/Arrays"><string>a</string></ArrayOfstring>')
  const Either = Type.Union([Type.Object({ One: Type.String() }, { title: 'First' }), Type.Object({ Two: Type.String() }, { title: 'Second' })])
  t.equal(toDataContractXml({ Two: 'x' }, Either), `<Second ${NS}><Two>x</Two></Second>`, 'a union: the branch whose members the value has')
  t.equal(toDataContractXml({ Message: 'No.', MessageDetail: 'Why.' }, undefined), '<Error><Message>No.</Message><MessageDetail>Why.</MessageDetail></Error>', 'an HttpError without a schema')
  t.equal(toDataContractXml({ Message: 'Bad.', ModelState: { 'request.X': ['one.', 'two.'] } }, undefined), '<Error><Message>Bad.</Message><ModelState><request.X>one. two.</request.X></ModelState></Error>')
})

t.test('negotiate: Web API\'s DefaultContentNegotiator over JSON then XML', async (t) => {
  const rows: Array<[string | undefined, string | undefined, string]> = [
    [undefined, undefined, 'application/json'],
    ['', 'application/json', 'application/json'],
    ['*/*', 'application/xml', 'application/json'],
    [undefined, 'text/xml; charset=utf-8', 'text/xml'],
    ['text/html', 'application/xml', 'application/xml'],
    ['application/xml', undefined, 'application/xml'],
    ['text/xml;q=0.4, text/json;q=0.3', undefined, 'text/xml'],
    ['application/*', undefined, 'application/json'],
    ['text/*;q=0.9, application/xml;q=0.9', undefined, 'application/xml'],
    ['application/xml;q=abc', undefined, 'application/json'],
    ['application/xml;q=1.5', undefined, 'application/json'],
    ['garbage, , /, a/', undefined, 'application/json']
  ]
  for (const [accept, contentType, mediaType] of rows) t.equal(negotiate(accept, contentType).mediaType, mediaType, `Accept ${accept ?? '(none)'}, Content-Type ${contentType ?? '(none)'}`)
})
